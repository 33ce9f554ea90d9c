package dev.custos.core.policy;

import java.time.Instant;
import java.util.Optional;

/** One evaluation's inputs as editable parts, starting from {@link PolicyBaseline}. */
final class Scenario {
  /** Empty: no policy is applied. */
  Optional<PolicyDraft> policy = Optional.of(PolicyBaseline.policy());
  final SpendDraft spend = PolicyBaseline.spend();
  final RecordedLedger ledger = PolicyBaseline.ledger();
  Instant now = PolicyBaseline.NOW;

  PolicyDraft draft() {
    return policy.orElseThrow();
  }

  Decision decide() {
    return PolicyEvaluator.evaluate(policy.map(PolicyDraft::build), spend.request(now), ledger);
  }
}
