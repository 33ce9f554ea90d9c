package dev.custos.core.policy;

/**
 * One rule outcome: which rule ({@code tag}), what it does to the decision ({@code effect}), and
 * why, with numbers ("amount 0.6 BTC > per-tx max 0.5 BTC"). Never contains secrets.
 */
public record Finding(PolicyTag tag, Effect effect, String reason) {
  /** What a violated rule does. */
  public enum Effect {
    /** Refuses the request. */
    DENY,
    /** Needs approvers (PENDING_APPROVAL) unless something denies. */
    APPROVAL,
    /** Demoted by {@code warn-only}: reported and audited, not enforced. */
    WARN
  }
}
