package dev.custos.core.approval;

import java.time.Instant;
import java.util.List;

/**
 * The decision on a proposal. Every variant but {@link Refused} lists the approvals that were
 * refused, each with its tag, so the shell can audit them.
 */
public sealed interface QuorumOutcome {
  /** Refused approvals (for audit), in submission order. */
  List<RefusedApproval> refused();

  /** An approval that did not count, and why. */
  record RefusedApproval(SubmittedApproval approval, QuorumTag tag, String reason) {}

  /**
   * M distinct valid approvals and no valid rejection.
   *
   * @param approvers the ids of the first M approvers by time received
   * @param reachedAt when the M-th of them was received (the start of any delay or cool-down)
   */
  record Approved(List<String> approvers, Instant reachedAt, List<RefusedApproval> refused) implements QuorumOutcome {
    public Approved {
      approvers = List.copyOf(approvers);
      refused = List.copyOf(refused);
    }
  }

  /** Fewer than M valid approvals and no valid rejection. */
  record NotYet(int approvals, int threshold, List<String> approvers, List<RefusedApproval> refused) implements QuorumOutcome {
    public NotYet {
      approvers = List.copyOf(approvers);
      refused = List.copyOf(refused);
    }
  }

  /** A valid rejection (or veto, or cancellation) by an approver: the proposal is refused for good. */
  record Rejected(String rejectedBy, Instant at, List<RefusedApproval> refused) implements QuorumOutcome {
    public Rejected {
      refused = List.copyOf(refused);
    }
  }

  /** The proposal itself cannot be approved any more: expired, or already applied. */
  record Refused(QuorumTag tag, String reason) implements QuorumOutcome {
    @Override
    public List<RefusedApproval> refused() {
      return List.of();
    }
  }
}
