package dev.custos.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** ApprovalText.parse on arbitrary text: only ApprovalTextFormatException escapes; what parses re-renders identically. */
class ApprovalTextFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    ApprovalText parsed;
    try {
      parsed = ApprovalText.parse(text);
    } catch (ApprovalTextFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    assertThat(parsed.render()).isEqualTo(text);
  }
}
