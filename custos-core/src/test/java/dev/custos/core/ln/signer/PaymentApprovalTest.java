package dev.custos.core.ln.signer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.policy.Debit;
import dev.custos.core.policy.Policy;
import dev.custos.core.policy.VelocityLedger;
import dev.custos.core.policy.VelocityLimit;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link PaymentApproval}: a baseline approved with its debit, and one mutation per rule refused
 * with its tag (STYLE habit 8; {@link ChannelRuleMutationTest#everyRuleHasAMutation} counts these).
 */
class PaymentApprovalTest {
  static final Set<LnPolicy> RULES = EnumSet.of(LnPolicy.COMMITMENT_PAYMENT_VELOCITY);
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final ByteVector32 HASH = new ByteVector32("ab".repeat(32));
  /** At most 200,000 sat per transaction, 400,000 sat a day for the wallet, 3 transactions an hour. */
  private static final Policy LIMITS = policy(false, List.of(
      new VelocityLimit(VelocityLimit.Scope.WALLET, Duration.ofDays(1), OptionalLong.of(400_000), OptionalLong.empty()),
      new VelocityLimit(VelocityLimit.Scope.WALLET, Duration.ofHours(1), OptionalLong.empty(), OptionalLong.of(3)),
      new VelocityLimit(VelocityLimit.Scope.CREDENTIAL, Duration.ofDays(1), OptionalLong.of(1), OptionalLong.empty())));

  static Policy policy(boolean unlimited, List<VelocityLimit> velocity) {
    return new Policy(Policy.SCHEMA_VERSION, unlimited, unlimited ? OptionalLong.empty() : OptionalLong.of(200_000), velocity,
        Optional.empty(), Map.of(), false, OptionalLong.empty(), OptionalDouble.empty(), OptionalDouble.empty(), List.of(),
        Set.of(0, 1), false, Optional.empty(), Optional.empty(), OptionalLong.empty(), Set.of());
  }

  /** A ledger where the wallet "hot" already spent {@code amount} sat in {@code count} transactions. */
  static VelocityLedger spent(long amount, long count) {
    return (scope, key, window, now) -> scope == VelocityLimit.Scope.WALLET && key.equals("hot")
        ? new VelocityLedger.Totals(amount, count) : VelocityLedger.Totals.ZERO;
  }

  static ApprovedPayment payment(long msat, long feeMsat) {
    return new ApprovedPayment(HASH, msat, feeMsat, NOW.plusSeconds(600));
  }

  @Test
  void baselineDebitsAmountPlusFeeRoundedUpFromTheWalletBudget() {
    var d = PaymentApproval.decide(payment(99_999_001, 999), NOW, "hot", LIMITS, spent(300_000, 2));
    assertThat(d).isEqualTo(new PaymentApproval.Decision.Approved(payment(99_999_001, 999),
        new Debit(VelocityLimit.Scope.WALLET, "hot", 100_000)));
    // Credential-scope limits (1 sat here) are on-chain notions: not applied to Lightning payments.
  }

  @Test
  void oneSatOverTheWalletAmountBudgetIsRefused() {
    var d = PaymentApproval.decide(payment(100_000_001, 0), NOW, "hot", LIMITS, spent(300_000, 2));
    assertThat(d).isInstanceOfSatisfying(PaymentApproval.Decision.Refused.class, r -> {
      assertThat(r.rule()).isEqualTo(LnPolicy.COMMITMENT_PAYMENT_VELOCITY);
      assertThat(r.reason()).contains("300000 sat + 100001 sat > max 400000 sat");
    });
  }

  @Test
  void onePaymentAboveMaxPerTransactionIsRefused() {
    var d = PaymentApproval.decide(payment(200_000_001, 0), NOW, "hot", LIMITS, spent(0, 0));
    assertThat(d).isInstanceOfSatisfying(PaymentApproval.Decision.Refused.class, r -> {
      assertThat(r.rule()).isEqualTo(LnPolicy.COMMITMENT_PAYMENT_VELOCITY);
      assertThat(r.reason()).contains("200001 sat > max-per-transaction 200000 sat");
    });
  }

  @Test
  void anUnlimitedPolicyAppliesNoBudget() {
    var d = PaymentApproval.decide(payment(900_000_000, 0), NOW, "hot", policy(true, List.of()), spent(0, 99));
    assertThat(d).isInstanceOf(PaymentApproval.Decision.Approved.class);
  }

  @Test
  void aFourthTransactionInAnHourIsRefused() {
    var d = PaymentApproval.decide(payment(1_000, 0), NOW, "hot", LIMITS, spent(0, 3));
    assertThat(d).isInstanceOfSatisfying(PaymentApproval.Decision.Refused.class,
        r -> assertThat(r.rule()).isEqualTo(LnPolicy.COMMITMENT_PAYMENT_VELOCITY));
  }

  @Test
  void anExpiredInvoiceIsRefused() {
    var d = PaymentApproval.decide(payment(1_000, 0), NOW.plusSeconds(600), "hot", LIMITS, spent(0, 0));
    assertThat(d).isInstanceOfSatisfying(PaymentApproval.Decision.Refused.class,
        r -> assertThat(r.rule()).isEqualTo(LnPolicy.INVOICE_NOT_EXPIRED));
  }
}
