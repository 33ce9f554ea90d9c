package dev.custos.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.core.keys.Network;

/**
 * ApproverKey.parse (keys and addresses) on arbitrary text: only SignatureRejectedException with a
 * message may escape, and whatever parses re-parses from its id to an equal key.
 */
class ApproverKeyParseFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    Network network = data.pickValue(Network.values());
    String text = data.consumeRemainingAsString();
    ApproverKey key;
    try {
      key = ApproverKey.parse(text, network);
    } catch (SignatureRejectedException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    try {
      assertThat(ApproverKey.parse(key.id(), network)).isEqualTo(key);
    } catch (SignatureRejectedException e) {
      throw new AssertionError("id of a parsed key does not re-parse: " + key.id(), e);
    }
  }
}
