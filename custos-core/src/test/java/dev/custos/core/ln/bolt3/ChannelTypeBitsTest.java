package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.ln.bolt3.Bolt3Exception.Kind;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BOLT 2/9 channel_type bitfields: the two accepted formats and each refusal with its kind. */
class ChannelTypeBitsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1000, STATIC_REMOTE_KEY",
    "001000, STATIC_REMOTE_KEY",
    "401000, ANCHORS_ZERO_FEE_HTLC_TX",
    "04400000401000, ANCHORS_ZERO_FEE_HTLC_TX",
    "04400000001000, STATIC_REMOTE_KEY",
  })
  void accepts(String hex, String expected) throws Exception {
    ChannelType t = ChannelTypeBits.parse(HexFormat.of().parseHex(hex));
    assertThat(t).isEqualTo(expected.equals("STATIC_REMOTE_KEY") ? ChannelType.STATIC_REMOTE_KEY : ChannelType.ANCHORS_ZERO_FEE_HTLC_TX);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "'', LEGACY_COMMITMENT_REFUSED",
    "00, LEGACY_COMMITMENT_REFUSED",
    "400000, LEGACY_COMMITMENT_REFUSED",
    "101000, PLAIN_ANCHORS_REFUSED",
    "501000, PLAIN_ANCHORS_REFUSED",
    "2000, MALFORMED_CHANNEL_TYPE",
    "011000, UNKNOWN_CHANNEL_TYPE",
    "0100000000000000000000001000, UNKNOWN_CHANNEL_TYPE",
  })
  void refuses(String hex, String kind) {
    assertThatThrownBy(() -> ChannelTypeBits.parse(HexFormat.of().parseHex(hex)))
        .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.valueOf(kind)))
        .hasMessageContaining("channel_type");
  }

  @ParameterizedTest
  @CsvSource({"33", "1000"})
  void refusesOversizedAndMissing(int length) {
    assertThatThrownBy(() -> ChannelTypeBits.parse(new byte[length]))
        .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_CHANNEL_TYPE));
    assertThatThrownBy(() -> ChannelTypeBits.parse(null))
        .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_CHANNEL_TYPE));
  }
}
