package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How findings combine into a verdict, what a policy must bound, and where each limit's edge is. */
class PolicySemanticsTest {
  private static final Instant NOW = PolicyBaseline.NOW;

  @Test
  void denyBeatsApproval() {
    Scenario s = new Scenario();
    s.draft().maxPerTransactionSat = OptionalLong.of(50_000_000);
    s.draft().approvalAboveSat = OptionalLong.of(50_000_000);

    Decision d = s.decide();

    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.tags(Finding.Effect.DENY)).containsExactly(PolicyTag.AMOUNT_MAX_PER_TX);
    assertThat(d.tags(Finding.Effect.APPROVAL)).containsExactly(PolicyTag.APPROVAL_AMOUNT);
    assertThat(d.debits()).isEmpty();
  }

  @Test
  void pendingApprovalCarriesNoDebitsButReportsBudgets() {
    Scenario s = new Scenario();
    s.draft().approvalAboveSat = OptionalLong.of(0);

    Decision d = s.decide();

    assertThat(d.verdict()).isEqualTo(Verdict.PENDING_APPROVAL);
    assertThat(d.debits()).isEmpty();
    assertThat(d.budgets()).hasSize(6);
  }

  @Test
  void withoutAPolicyNothingIsSigned() {
    Decision d = PolicyEvaluator.evaluate(Optional.empty(), PolicyBaseline.spend().request(NOW), PolicyBaseline.ledger());

    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.findings()).singleElement().satisfies(f -> {
      assertThat(f.tag().value()).isEqualTo("policy-none-applied");
      assertThat(f.effect()).isEqualTo(Finding.Effect.DENY);
    });
    assertThat(d.debits()).isEmpty();
    assertThat(d.budgets()).isEmpty();
  }

  @Test
  void aPolicyMustBoundTheAmountLeavingOrSayUnlimited() {
    PolicyDraft nothing = new PolicyDraft();
    PolicyDraft perTxOnly = new PolicyDraft();
    perTxOnly.maxPerTransactionSat = OptionalLong.of(100_000_000);
    PolicyDraft walletAmountOnly = new PolicyDraft().velocity(PolicyBaseline.walletLimit());
    PolicyDraft walletCountOnly = new PolicyDraft().velocity(
        new VelocityLimit(VelocityLimit.Scope.WALLET, Duration.ofHours(24), OptionalLong.empty(), OptionalLong.of(10)));
    walletCountOnly.maxPerTransactionSat = OptionalLong.of(100_000_000);
    PolicyDraft credentialAmountOnly = new PolicyDraft().velocity(PolicyBaseline.credentialLimit());
    credentialAmountOnly.maxPerTransactionSat = OptionalLong.of(100_000_000);

    for (PolicyDraft unbounded : List.of(nothing, perTxOnly, walletAmountOnly, walletCountOnly, credentialAmountOnly)) {
      assertThatThrownBy(unbounded::build).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not bound spending").hasMessageContaining("unlimited: true");
      unbounded.unlimited = true;
      assertThat(unbounded.build().unlimited()).isTrue();
    }
  }

  @Test
  void unlimitedContradictsAFullAmountBound() {
    PolicyDraft p = PolicyBaseline.policy();
    p.unlimited = true;
    assertThatThrownBy(p::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contradicts");
  }



  @Test
  void anUnlimitedPolicyWithoutOtherRulesAllowsAnyAmount() {
    PolicyDraft p = new PolicyDraft();
    p.unlimited = true;
    Decision d = PolicyEvaluator.evaluate(Optional.of(p.build()), PolicyBaseline.spend().request(NOW), new RecordedLedger());
    assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(d.findings()).isEmpty();
  }

  @Test
  void anotherSchemaVersionIsRefused() {
    Policy p = PolicyBaseline.policy().build();
    assertThatThrownBy(() -> new Policy(2, p.unlimited(), p.maxPerTransactionSat(), p.velocity(), p.allowlist(), p.denylist(),
        p.allowUnknownOutputScripts(), p.maxFeeSat(), p.maxFeeRateSatPerVb(), p.maxFeePercent(), p.timeWindows(),
        p.allowedSighashTypes(), p.allowLocktime(), p.inputScriptTypes(), p.outputScriptTypes(), p.approvalAboveSat(),
        p.warnOnly()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported policy version 2");
  }

  @Test
  void perTransactionMaxIsInclusive() {
    Scenario atMax = new Scenario();
    atMax.draft().maxPerTransactionSat = OptionalLong.of(60_000_000);
    assertThat(atMax.decide().verdict()).isEqualTo(Verdict.ALLOW);

    Scenario belowAmount = new Scenario();
    belowAmount.draft().maxPerTransactionSat = OptionalLong.of(59_999_999);
    Decision d = belowAmount.decide();
    assertThat(d.tags(Finding.Effect.DENY)).containsExactly(PolicyTag.AMOUNT_MAX_PER_TX);
    assertThat(d.findings().getFirst().reason()).isEqualTo("amount 0.6 BTC > per-tx max 0.59999999 BTC");
  }

  @Test
  void approvalThresholdIsExclusive() {
    Scenario atThreshold = new Scenario();
    atThreshold.draft().approvalAboveSat = OptionalLong.of(60_000_000);
    assertThat(atThreshold.decide().verdict()).isEqualTo(Verdict.ALLOW);

    Scenario oneBelow = new Scenario();
    oneBelow.draft().approvalAboveSat = OptionalLong.of(59_999_999);
    assertThat(oneBelow.decide().verdict()).isEqualTo(Verdict.PENDING_APPROVAL);
  }

  @Test
  void absoluteFeeMaxIsInclusive() {
    Scenario atMax = new Scenario();
    atMax.draft().maxFeeSat = OptionalLong.of(10_000);
    assertThat(atMax.decide().verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void velocityAmountMayBeSpentExactlyToTheMax() {
    // 0.5 BTC already in the 24h window + 0.9 BTC now recorded + 0.6 BTC = exactly 2 BTC.
    Scenario exact = new Scenario();
    exact.ledger.record(NOW.minusSeconds(60), VelocityLimit.Scope.WALLET, PolicyBaseline.WALLET_ID, 90_000_000);
    assertThat(exact.decide().verdict()).isEqualTo(Verdict.ALLOW);

    Scenario oneOver = new Scenario();
    oneOver.ledger.record(NOW.minusSeconds(60), VelocityLimit.Scope.WALLET, PolicyBaseline.WALLET_ID, 90_000_001);
    Decision d = oneOver.decide();
    assertThat(d.tags(Finding.Effect.DENY)).containsExactly(PolicyTag.velocity(VelocityLimit.Scope.WALLET, true));
    assertThat(d.findings().getFirst().reason()).endsWith(": spent 1.40000001 BTC + 0.6 BTC = 2.00000001 BTC > max 2 BTC");
  }

  @Test
  void velocityCountMayReachTheMax() {
    // 1 transaction in the window + 8 recorded + this one = exactly 10.
    Scenario exact = new Scenario();
    for (int i = 0; i < 8; i++) {
      exact.ledger.record(NOW.minusSeconds(60 + i), VelocityLimit.Scope.WALLET, PolicyBaseline.WALLET_ID, 0);
    }
    Decision d = exact.decide();
    assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(d.budgets().get(1)).endsWith(": 0 of 10 transactions left after this");
  }

  @Test
  void spendsOutsideTheWindowDoNotCount() {
    // A 1 BTC wallet spend exactly 24h ago is outside (now - 24h, now].
    Scenario s = new Scenario();
    s.ledger.record(NOW.minus(Duration.ofHours(24)), VelocityLimit.Scope.WALLET, PolicyBaseline.WALLET_ID, 100_000_000);
    assertThat(s.decide().verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void timeWindowStartIsInclusive() {
    Scenario s = new Scenario();
    s.now = Instant.parse("2025-03-12T08:00:00Z");
    assertThat(s.decide().verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aSaturatedTransactionCountStillDenies() {
    Decision d = PolicyEvaluator.evaluate(Optional.of(PolicyBaseline.policy().build()),
        PolicyBaseline.spend().request(NOW), (scope, key, window, now) -> new VelocityLedger.Totals(0, Long.MAX_VALUE));
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
  }

  @Test
  void aSaturatedAmountDeniesInsteadOfThrowing() {
    Decision d = PolicyEvaluator.evaluate(Optional.of(PolicyBaseline.policy().build()),
        PolicyBaseline.spend().request(NOW), (scope, key, window, now) -> new VelocityLedger.Totals(Long.MAX_VALUE, 0));
    assertThat(d.verdict()).isEqualTo(Verdict.DENY);
    assertThat(d.tags(Finding.Effect.DENY)).contains(PolicyTag.velocity(VelocityLimit.Scope.WALLET, true));
  }
}
