package dev.custos.core.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A rolling-window limit on the amount leaving and/or the number of transactions, per scope:
 * the whole wallet, the credential that asked, or each destination.
 */
public record VelocityLimit(Scope scope, Duration window, OptionalLong maxAmountSat, OptionalLong maxCount) {
  /** Longest supported window. */
  public static final Duration MAX_WINDOW = Duration.ofDays(366);

  public VelocityLimit {
    if (scope == null || window == null) {
      throw new IllegalArgumentException("velocity limit needs a scope and a window");
    }
    if (window.compareTo(Duration.ofMinutes(1)) < 0 || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException("velocity window must be between 1 minute and 366 days: " + window);
    }
    if (maxAmountSat.isEmpty() && maxCount.isEmpty()) {
      throw new IllegalArgumentException("velocity limit needs max-amount and/or max-count");
    }
    if (maxAmountSat.isPresent() && maxAmountSat.getAsLong() < 0 || maxCount.isPresent() && maxCount.getAsLong() < 0) {
      throw new IllegalArgumentException("velocity limits must not be negative");
    }
  }

  /** Who a velocity budget belongs to. */
  public enum Scope {
    WALLET,
    CREDENTIAL,
    DESTINATION;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
