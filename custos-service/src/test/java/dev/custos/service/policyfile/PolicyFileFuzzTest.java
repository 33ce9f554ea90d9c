package dev.custos.service.policyfile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.core.keys.Network;

/**
 * PolicyFile.parse on arbitrary text, for a fuzzer-chosen network: only PolicyFileException may
 * escape, its message always names the source and a line and is one printable line, and whatever parses keeps its text and
 * a 64-digit hash. Seeds: PolicyFileFuzzTestInputs/parse/ (valid policies and near misses).
 */
class PolicyFileFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    Network network = data.pickValue(Network.values());
    String text = data.consumeRemainingAsString();
    PolicyFile file;
    try {
      file = PolicyFile.parse(text, "fuzz.yaml", network);
    } catch (PolicyFileException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz.yaml:" + expected.line() + ": ");
      assertThat(expected.line()).isPositive();
      assertThat(expected.getMessage()).doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
      return;
    }
    assertThat(file.text()).isSameAs(text);
    assertThat(file.sha256Hex()).hasSize(64);
  }
}
