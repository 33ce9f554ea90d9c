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
 * @param approvalRequest the spend request approvers decide (its id, docs/approvals.md) when the
 *     decision is or was PENDING_APPROVAL and an approver set exists
 */
public record SignOutcome(Decision decision, PsbtAnalysis analysis, Optional<SigningResult> signed, boolean replayed,
    Optional<String> approvalRequest) {
  public SignOutcome(Decision decision, PsbtAnalysis analysis, Optional<SigningResult> signed, boolean replayed) {
    this(decision, analysis, signed, replayed, Optional.empty());
  }

  public Optional<Psbt> psbt() {
    return signed.map(SigningResult::psbt);
  }
}
