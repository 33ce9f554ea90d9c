package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * ExtendedPublicKey.parse on arbitrary text: only InvalidExtendedKeyException may escape, its
 * message never echoes the input, and whatever parses re-encodes to the same text.
 * Seeds: ExtendedPublicKeyParseFuzzTestInputs/.
 */
class ExtendedPublicKeyParseFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    try {
      ExtendedPublicKey key = ExtendedPublicKey.parse(text);
      Network network = text.startsWith("xpub") ? Network.MAINNET : Network.TESTNET;
      assertThat(key.encode(network)).isEqualTo(text);
    } catch (InvalidExtendedKeyException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      if (text.length() > 8) {
        assertThat(expected.getMessage()).doesNotContain(text);
      }
    }
  }
}
