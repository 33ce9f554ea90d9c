package dev.custos.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * In-memory {@link VelocityLedger}: a list of debits with the time each was recorded, summed
 * exactly over {@code (now - window, now]} (no over-counting, so tests see the exact boundary).
 */
final class RecordedLedger implements VelocityLedger {
  /** One recorded debit. */
  record Entry(Instant at, Debit debit) {}

  private final List<Entry> entries = new ArrayList<>();

  RecordedLedger record(Instant at, VelocityLimit.Scope scope, String key, long amountSat) {
    entries.add(new Entry(at, new Debit(scope, key, amountSat)));
    return this;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  @Override
  public Totals totals(VelocityLimit.Scope scope, String key, Duration window, Instant now) {
    Instant after = now.minus(window);
    long amount = 0;
    long count = 0;
    for (Entry e : entries) {
      if (e.debit().scope() == scope && e.debit().key().equals(key) && e.at().isAfter(after) && !e.at().isAfter(now)) {
        amount = Math.addExact(amount, e.debit().amountSat());
        count++;
      }
    }
    return new Totals(amount, count);
  }
}
