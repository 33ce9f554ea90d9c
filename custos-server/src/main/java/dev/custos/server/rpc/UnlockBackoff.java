package dev.custos.server.rpc;

import java.time.Duration;

/**
 * How long a failed Unlock attempt waits before it answers: {@code base * 2^(n-1)} after the n-th
 * consecutive failure, at most {@code max}. Attempts run one at a time, so this bounds the rate of
 * passphrase guesses through the API (Argon2id bounds their cost).
 */
public record UnlockBackoff(Duration base, Duration max) {
  /** 1 s, 2 s, 4 s, ... up to 60 s. */
  public static final UnlockBackoff DEFAULT = new UnlockBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  public UnlockBackoff {
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("unlock backoff needs 0 <= base <= max");
    }
  }

  /** The wait after {@code failures} consecutive failures (at least 1). */
  public Duration after(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 30);
    Duration d = base.multipliedBy(1L << doublings);
    return d.compareTo(max) > 0 ? max : d;
  }
}
