package dev.custos.core.ln.bolt7;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link UnsignedChannelAnnouncement#parse(byte[])} on arbitrary bytes: only
 * {@link Bolt7FormatException} may escape, with a message; an accepted message keeps exactly its
 * bytes, and its fields re-encode to them. Seeds: UnsignedChannelAnnouncementFuzzTestInputs/. To
 * fuzz: {@code JAZZER_FUZZ=1 ./mvnw -o -pl custos-core -am test -Dtest=UnsignedChannelAnnouncementFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.maxDuration=3m}.
 */
class UnsignedChannelAnnouncementFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parseThrowsOnlyBolt7FormatException(byte[] input) {
    UnsignedChannelAnnouncement a;
    try {
      a = UnsignedChannelAnnouncement.parse(input);
    } catch (Bolt7FormatException refused) {
      assertThat(refused.getMessage()).startsWith("channel_announcement: ");
      return;
    }
    assertThat(a.encoded().toByteArray()).isEqualTo(input);
    byte[] again = new AnnouncementBytes(a.features().toByteArray(), a.chainHash().toByteArray(), a.shortChannelId().toLong(),
        a.nodeId1(), a.nodeId2(), a.bitcoinKey1(), a.bitcoinKey2(), a.excessData().toByteArray()).encode();
    assertThat(again).isEqualTo(input);
  }
}
