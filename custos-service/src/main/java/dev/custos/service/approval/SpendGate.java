package dev.custos.service.approval;

import java.time.Instant;

/** Whether a pending spend may be signed now (see {@link SpendApprovals#gate}). */
public sealed interface SpendGate {
  /** No spend request is linked (no approver set existed when it was decided). */
  record NoQuorum() implements SpendGate {}

  /** Still collecting approvals: {@code approvals} of {@code threshold}. */
  record Collecting(String requestId, long approvals, int threshold) implements SpendGate {}

  /** Approved; the delay runs until {@code opensAt}, and any approver can still veto. */
  record Waiting(String requestId, Instant opensAt) implements SpendGate {}

  /**
   * Approved and due: sign it. {@code firstRelease} is true the first time (debit the budgets and
   * mark the request applied), false when it was already released once (no second debit).
   */
  record Open(String requestId, boolean firstRelease) implements SpendGate {}

  /** Rejected, vetoed or expired: never signed. */
  record Refused(String requestId, String reason) implements SpendGate {}
}
