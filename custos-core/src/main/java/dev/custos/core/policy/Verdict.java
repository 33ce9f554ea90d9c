package dev.custos.core.policy;

/** The outcome of a policy evaluation. */
public enum Verdict {
  ALLOW,
  DENY,
  PENDING_APPROVAL
}
