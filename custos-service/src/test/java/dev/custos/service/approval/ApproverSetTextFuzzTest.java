package dev.custos.service.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.core.approval.ApproverSet;
import dev.custos.core.keys.Network;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * ApproverSetText.parse on arbitrary bytes (a set-change proposal's payload, read back from the
 * store): only ApprovalException INVALID may escape, and whatever parses renders back to the same
 * bytes. Seeds: ApproverSetTextFuzzTestInputs/parse/.
 */
class ApproverSetTextFuzzTest {
  private static final String A = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
  private static final String B = "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5";

  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    byte[] payload = data.consumeRemainingAsBytes();
    ApproverSet set;
    try {
      set = ApproverSetText.parse(payload, Network.REGTEST);
    } catch (ApprovalException expected) {
      assertThat(expected.kind()).isEqualTo(ApprovalException.Kind.INVALID);
      return;
    }
    assertThat(ApproverSetText.payload(set)).isEqualTo(payload);
  }

  @Test
  void aSetRoundTripsAndNonCanonicalOrInvalidSetsAreRefused() throws Exception {
    byte[] two = ("threshold=2 keys=" + A + "," + B).getBytes(StandardCharsets.US_ASCII);
    ApproverSet set = ApproverSetText.parse(two, Network.REGTEST);
    assertThat(set.threshold()).isEqualTo(2);
    assertThat(ApproverSetText.payload(set)).isEqualTo(two);
    assertThatThrownBy(() -> ApproverSetText.parse(("threshold=01 keys=" + A).getBytes(StandardCharsets.US_ASCII), Network.REGTEST))
        .hasMessageContaining("canonical");
    assertThatThrownBy(() -> ApproverSetText.parse(("threshold=3 keys=" + A + "," + B).getBytes(StandardCharsets.US_ASCII), Network.REGTEST))
        .hasMessageContaining("threshold (3) <= keys (2)");
    assertThatThrownBy(() -> ApproverSetText.parse(("threshold=1 keys=" + A + "," + A.toUpperCase()).getBytes(StandardCharsets.US_ASCII),
        Network.REGTEST)).isInstanceOf(ApprovalException.class);
  }
}
