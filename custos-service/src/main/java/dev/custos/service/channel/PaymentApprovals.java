package dev.custos.service.channel;

import dev.custos.core.audit.AuditType;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.LnPolicy;
import dev.custos.core.ln.signer.PaymentApproval;
import dev.custos.core.policy.Policy;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.signing.PolicyParser;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.WriteTx;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outgoing Lightning payments the node asked Custos to approve before it offers their HTLCs
 * (VLS "approved invoices"). Approval is decided by custos-core {@link PaymentApproval} against the
 * spending policy applied to {@code walletId} — the same policy and the same velocity ledger as
 * on-chain signing, so one budget covers both — and, in one store transaction, the debit
 * ({@code ln-payment:<hash>}) and a {@code channel.operation} audit record are committed before the
 * approval takes effect. A refusal is audited as {@code channel.refusal} and debits nothing.
 *
 * <p>The approvals themselves are kept in memory: after a restart, payments must be approved again
 * before new HTLCs for them are signed (HTLCs already signed are not re-checked). Without an
 * applied policy every payment is refused.
 */
public final class PaymentApprovals {
  private final Store store;
  private final PolicyParser policies;
  private final String walletId;
  private final Clock clock;
  private final Map<ByteVector32, ApprovedPayment> approved = new ConcurrentHashMap<>();

  public PaymentApprovals(Store store, PolicyParser policies, String walletId, Clock clock) {
    this.store = store;
    this.policies = policies;
    this.walletId = walletId;
    this.clock = clock;
  }

  /**
   * Approves {@code payment} durably: a retry of the same approval returns it without a second
   * debit.
   *
   * @throws ChannelRefusedException when the invoice expired or the budget does not allow it (audited)
   * @throws StoreException when the decision cannot be recorded; nothing was approved
   */
  public ApprovedPayment approve(ApprovedPayment payment) throws ChannelRefusedException, StoreException {
    ApprovedPayment existing = approved.get(payment.paymentHash());
    if (existing != null) {
      if (existing.equals(payment)) {
        return existing;
      }
      throw new ChannelRefusedException(LnPolicy.COMMITMENT_PAYMENT_INVOICED, "payment " + payment.paymentHash().toHex()
          + " was already approved with other terms");
    }
    PaymentApproval.Decision decision = store.write(tx -> decide(tx, payment));
    return switch (decision) {
      case PaymentApproval.Decision.Approved a -> {
        approved.put(payment.paymentHash(), payment);
        yield payment;
      }
      case PaymentApproval.Decision.Refused r -> throw new ChannelRefusedException(r.rule(), r.reason());
    };
  }

  /** The approved payment for {@code paymentHash}, if any. */
  public Optional<ApprovedPayment> approval(ByteVector32 paymentHash) {
    return Optional.ofNullable(approved.get(paymentHash));
  }

  private PaymentApproval.Decision decide(WriteTx tx, ApprovedPayment payment) throws StoreException {
    Instant now = clock.instant();
    Optional<Policy> policy = tx.currentPolicy().map(p -> policies.parse(p.text()));
    PaymentApproval.Decision decision = policy
        .map(p -> PaymentApproval.decide(payment, now, walletId, p, tx))
        .orElseGet(() -> new PaymentApproval.Decision.Refused(LnPolicy.COMMITMENT_PAYMENT_VELOCITY,
            "payment " + payment.paymentHash().toHex() + ": no spending policy is applied"));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("operation", "ApprovePayment");
    fields.put("paymentHash", payment.paymentHash().toHex());
    fields.put("amountMsat", Long.toString(payment.amountMsat()));
    fields.put("maxFeeMsat", Long.toString(payment.maxFeeMsat()));
    fields.put("expiresAt", payment.expiresAt().toString());
    switch (decision) {
      case PaymentApproval.Decision.Approved a -> {
        tx.debit(List.of(a.debit()), now, "ln-payment:" + payment.paymentHash().toHex());
        fields.put("debitSat", Long.toString(a.debit().amountSat()));
        AuditTrail.append(tx, now, AuditType.CHANNEL_OPERATION.wireName(), fields);
      }
      case PaymentApproval.Decision.Refused r -> {
        fields.put("tag", r.rule().tag().value());
        fields.put("reason", r.reason());
        AuditTrail.append(tx, now, AuditType.CHANNEL_REFUSAL.wireName(), fields);
      }
    }
    return decision;
  }
}
