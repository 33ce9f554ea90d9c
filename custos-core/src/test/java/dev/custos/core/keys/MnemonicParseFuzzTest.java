package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.core.secret.SecretBytes;

/**
 * Mnemonic.parse on arbitrary bytes: only InvalidMnemonicException may escape, and whatever parses
 * re-parses to the same canonical sentence. Seeds: MnemonicParseFuzzTestInputs/.
 */
class MnemonicParseFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(byte[] input) throws Exception {
    try (SecretBytes text = SecretBytes.copyOf(input); Mnemonic m = Mnemonic.parse(text);
        SecretBytes sentence = m.sentence(); Mnemonic again = Mnemonic.parse(sentence);
        SecretBytes sentenceAgain = again.sentence()) {
      assertThat(sentenceAgain.equalsConstantTime(sentence)).isTrue();
      assertThat(again.wordCount()).isEqualTo(m.wordCount());
    } catch (InvalidMnemonicException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
