package dev.custos.service.approval;

import java.time.Duration;
import java.util.Objects;

/**
 * The clocks of the quorum (custos.conf {@code approval.*}, docs/approvals.md):
 *
 * @param expiry how long approvers have to reach the quorum after a proposal is made
 * @param cooldown how long an approved administrative change waits (any admin's reject cancels
 *     it); zero applies it as soon as the quorum is reached
 * @param spendDelay how long an approved spend waits before it can be signed (any approver's
 *     reject vetoes it); zero releases it at once
 *
 * <p>A proposal's expiry (in the signed text) is its creation plus {@code expiry} plus its delay,
 * so a quorum reached in time always has its whole delay before the expiry, and a veto during the
 * delay is never refused as late.
 */
public record ApprovalTimes(Duration expiry, Duration cooldown, Duration spendDelay) {
  /** Longest setting; keeps expiries far inside the approval text's range. */
  public static final Duration MAX = Duration.ofDays(366);
  public static final ApprovalTimes DEFAULTS = new ApprovalTimes(Duration.ofHours(72), Duration.ZERO, Duration.ZERO);

  public ApprovalTimes {
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(spendDelay, "spendDelay");
    if (expiry.compareTo(Duration.ofMinutes(1)) < 0 || expiry.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("approval.expiry must be between 1m and 366d, got " + expiry);
    }
    for (Duration d : new Duration[] {cooldown, spendDelay}) {
      if (d.isNegative() || d.compareTo(MAX) > 0) {
        throw new IllegalArgumentException("approval.cooldown and approval.spend-delay must be between 0 and 366d, got " + d);
      }
    }
  }
}
