package dev.custos.service.signing;

import dev.custos.core.analysis.PsbtAnalysis;
import dev.custos.core.policy.Decision;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.sign.SigningResult;
import java.util.Optional;

/**
 * The outcome of a signing request: the decision (fresh, or the recorded ALLOW of an earlier
 * identical request), the analysis it was based on, and, only when allowed and released, the
 * signed PSBT.
 *
 * @param replayed true when an earlier ALLOW for the same unsigned transaction was reused (no new
 *     debit)
 */
public record SignOutcome(Decision decision, PsbtAnalysis analysis, Optional<SigningResult> signed, boolean replayed) {
  public Optional<Psbt> psbt() {
    return signed.map(SigningResult::psbt);
  }
}
