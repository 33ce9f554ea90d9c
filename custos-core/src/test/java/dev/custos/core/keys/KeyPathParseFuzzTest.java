package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * KeyPath.parse on arbitrary text: only its declared IllegalArgumentException may escape, and
 * whatever parses re-parses from its printed form. Seeds: KeyPathParseFuzzTestInputs/.
 */
class KeyPathParseFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    KeyPath path;
    try {
      path = KeyPath.parse(text);
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    assertThat(KeyPath.parse(path.toString())).isEqualTo(path);
  }
}
