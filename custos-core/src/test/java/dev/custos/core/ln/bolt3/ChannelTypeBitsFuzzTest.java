package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link ChannelTypeBits#parse(byte[])} on arbitrary bytes: only {@link Bolt3Exception} may
 * escape, with a message; an accepted bitfield is anchors exactly when bit 22 is set, and never
 * lacks bit 12. Seeds: ChannelTypeBitsFuzzTestInputs/. To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -o
 * -pl custos-core test -Dtest=ChannelTypeBitsFuzzTest -Dfuzz.maxDuration=3m}.
 */
class ChannelTypeBitsFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parseThrowsOnlyBolt3Exception(byte[] input) {
    ChannelType type;
    try {
      type = ChannelTypeBits.parse(input);
    } catch (Bolt3Exception refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(bit(input, 12)).isTrue();
    assertThat(type.hasAnchors()).isEqualTo(bit(input, 22));
  }

  private static boolean bit(byte[] field, int bit) {
    int index = field.length - 1 - bit / 8;
    return index >= 0 && (field[index] & (1 << (bit % 8))) != 0;
  }
}
