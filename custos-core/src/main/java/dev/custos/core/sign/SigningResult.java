package dev.custos.core.sign;

import dev.custos.core.psbt.Psbt;
import java.util.List;

/** The PSBT with our signatures added, and a per-input account of what was signed. */
public record SigningResult(Psbt psbt, List<InputSigning> inputs, List<String> warnings) {
  public SigningResult {
    inputs = List.copyOf(inputs);
    warnings = List.copyOf(warnings);
  }

  public int signatureCount() {
    return inputs.stream().mapToInt(InputSigning::signatures).sum();
  }
}
