package dev.custos.store;

/**
 * Where a proposal is in its life: {@link #PENDING} collects approvals; {@link #SCHEDULED} has its
 * quorum and waits for its cool-down or spend delay (any approver's reject still cancels it);
 * {@link #APPLIED} took effect (a spend: its signature was released); {@link #REJECTED} by an
 * approver before the quorum; {@link #CANCELLED} by a reject while scheduled; {@link #EXPIRED}
 * without a quorum. Only PENDING and SCHEDULED ever change.
 */
public enum ProposalState {
  PENDING,
  SCHEDULED,
  APPLIED,
  REJECTED,
  EXPIRED,
  CANCELLED;

  /** PENDING or SCHEDULED: the proposal can still change state. */
  public boolean open() {
    return this == PENDING || this == SCHEDULED;
  }
}
