package dev.custos.store;

import dev.custos.core.policy.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * A policy decision as recorded, keyed by (walletId, unsignedTxid).
 *
 * @param tags every finding's tag (deny, approval and warn-only)
 * @param reasons the findings' reasons, one per tag, in the same order
 * @param policyVersion the applied policy version that decided (0 when none was applied)
 */
public record RecordedDecision(String walletId, String unsignedTxid, Verdict verdict, List<String> tags, List<String> reasons,
    String credential, long amountSat, long policyVersion, Instant decidedAt) {
  public RecordedDecision {
    tags = List.copyOf(tags);
    reasons = List.copyOf(reasons);
  }
}
