package dev.custos.core.approval;

import java.time.Duration;
import java.time.Instant;

/**
 * The time rule after a quorum (issue 5 §1 cool-down, §2 delay with veto): an approved proposal
 * takes effect only {@code delay} after the quorum was reached, and until then any single
 * approver's REJECT refuses it ({@link QuorumEvaluator} returns {@link QuorumOutcome.Rejected}),
 * which is the veto of a large spend and the cancellation of a policy loosening alike.
 */
public final class DelayGate {
  private DelayGate() {}

  /** The state of the gate for an outcome. */
  public sealed interface Status {
    /** Approved, waiting; it can still be vetoed until {@code opensAt}. */
    record Waiting(Instant opensAt) implements Status {}

    /** Approved and the delay has passed: apply it now. */
    record Open(Instant openedAt) implements Status {}

    /** Not approved (not yet, rejected, or refused): nothing to apply. */
    record Closed(QuorumOutcome outcome) implements Status {}
  }

  /** {@code delay} of zero opens the gate as soon as the quorum is reached. */
  public static Status status(QuorumOutcome outcome, Duration delay, Instant now) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    return switch (outcome) {
      case QuorumOutcome.Approved a -> {
        Instant opensAt = a.reachedAt().plus(delay);
        yield now.isBefore(opensAt) ? new Status.Waiting(opensAt) : new Status.Open(opensAt);
      }
      case QuorumOutcome.NotYet n -> new Status.Closed(n);
      case QuorumOutcome.Rejected r -> new Status.Closed(r);
      case QuorumOutcome.Refused r -> new Status.Closed(r);
    };
  }
}
