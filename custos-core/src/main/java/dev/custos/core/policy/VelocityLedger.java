package dev.custos.core.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * Read access to recorded spends, as the evaluator needs it. Implemented by the store from
 * indexed aggregates; the evaluator never scans history.
 */
public interface VelocityLedger {
  /**
   * Amount and count debited to {@code scope}/{@code key} in {@code (now - window, now]}. An
   * implementation may count a little more than the exact window (never less): budgets err on the
   * safe side.
   */
  Totals totals(VelocityLimit.Scope scope, String key, Duration window, Instant now);

  /** Sum of amounts and number of transactions. */
  record Totals(long amountSat, long count) {
    public static final Totals ZERO = new Totals(0, 0);
  }
}
