package dev.custos.core.policy;

/**
 * What an allowed spend consumes of one velocity budget: {@code amountSat} and one transaction,
 * for the budget of {@code scope}/{@code key} (wallet id, credential, or destination script hex).
 * Recorded durably before any signature leaves.
 */
public record Debit(VelocityLimit.Scope scope, String key, long amountSat) {
  public Debit {
    if (scope == null || key == null || key.isEmpty() || amountSat < 0) {
      throw new IllegalArgumentException("debit needs a scope, a key and a non-negative amount");
    }
  }
}
