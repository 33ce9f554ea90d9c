package dev.custos.ldk.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link SignerRecord#decode} on arbitrary bytes (LDK hands back whatever its persisted monitor
 * holds): only {@link IllegalArgumentException} with a message may escape, and an accepted record
 * re-encodes to exactly the input. To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -o -pl custos-ldk test
 * -Dtest=SignerRecordFuzzTest}.
 */
class SignerRecordFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlyIllegalArgumentAndRoundTrips(byte[] input) {
    SignerRecord record;
    try {
      record = SignerRecord.decode(input);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(record.encode()).isEqualTo(input);
  }
}
