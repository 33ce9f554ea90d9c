package dev.custos.core.ln.signer;

import dev.custos.core.policy.Debit;
import dev.custos.core.policy.Policy;
import dev.custos.core.policy.VelocityLedger;
import dev.custos.core.policy.VelocityLimit;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether an outgoing Lightning payment may be approved, against the same spending policy
 * as on-chain transactions: the {@link Policy} applied to the wallet the node's channels belong
 * to — its {@code max-per-transaction} and its wallet-scope {@link VelocityLimit}s, read through
 * the same {@link VelocityLedger} — so one budget covers both. The debit is
 * {@link ApprovedPayment#debitSat()} (amount plus fee budget, rounded up to sat).
 *
 * <p>Rules: {@code policy-invoice-not-expired}, {@code policy-commitment-payment-velocity} (over
 * max-per-transaction or a wallet velocity limit). An {@code unlimited} policy applies neither
 * limit. Credential- and destination-scope limits are on-chain notions and are not applied here.
 */
public final class PaymentApproval {
  private PaymentApproval() {}

  /** The decision: approved with its debit, or refused by one rule. */
  public sealed interface Decision {
    record Approved(ApprovedPayment payment, Debit debit) implements Decision {}

    record Refused(LnPolicy rule, String reason) implements Decision {}
  }

  public static Decision decide(ApprovedPayment p, Instant now, String walletId, Policy policy, VelocityLedger ledger) {
    String which = "payment " + p.paymentHash().toHex();
    if (!now.isBefore(p.expiresAt())) {
      return new Decision.Refused(LnPolicy.INVOICE_NOT_EXPIRED, which + ": invoice expired at " + p.expiresAt());
    }
    long amount = p.debitSat();
    if (!policy.unlimited() && policy.maxPerTransactionSat().isPresent() && amount > policy.maxPerTransactionSat().getAsLong()) {
      return new Decision.Refused(LnPolicy.COMMITMENT_PAYMENT_VELOCITY, which + ": " + amount + " sat > max-per-transaction "
          + policy.maxPerTransactionSat().getAsLong() + " sat");
    }
    List<VelocityLimit> limits = policy.unlimited() ? List.of() : policy.velocity();
    for (VelocityLimit limit : limits) {
      if (limit.scope() != VelocityLimit.Scope.WALLET) {
        continue;
      }
      VelocityLedger.Totals t = ledger.totals(limit.scope(), walletId, limit.window(), now);
      if (limit.maxAmountSat().isPresent()) {
        long max = limit.maxAmountSat().getAsLong();
        if (t.amountSat() > max || amount > max - t.amountSat()) {
          return new Decision.Refused(LnPolicy.COMMITMENT_PAYMENT_VELOCITY, which + ": wallet " + limit.window()
              + " spent " + t.amountSat() + " sat + " + amount + " sat > max " + max + " sat");
        }
      }
      if (limit.maxCount().isPresent() && t.count() >= limit.maxCount().getAsLong()) {
        return new Decision.Refused(LnPolicy.COMMITMENT_PAYMENT_VELOCITY, which + ": wallet " + limit.window() + " "
            + t.count() + " transactions + 1 > max " + limit.maxCount().getAsLong());
      }
    }
    return new Decision.Approved(p, new Debit(VelocityLimit.Scope.WALLET, walletId, amount));
  }
}
