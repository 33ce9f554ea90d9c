package dev.custos.service.channel;

import dev.custos.core.audit.AuditType;
import dev.custos.core.keys.Network;
import dev.custos.core.ln.invoice.Bolt11Exception;
import dev.custos.core.ln.invoice.Bolt11Invoice;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.LnPolicy;
import dev.custos.core.ln.signer.PaymentApproval;
import dev.custos.core.policy.Policy;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.signing.PolicyParser;
import dev.custos.store.ReadTx;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoredPaymentApproval;
import dev.custos.store.WriteTx;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outgoing Lightning payments the node asked Custos to approve before it offers their HTLCs
 * (VLS "approved invoices"). Approval is decided by custos-core {@link PaymentApproval} against the
 * spending policy applied to {@code walletId} — the same policy and the same velocity ledger as
 * on-chain signing, so one budget covers both — and, in one store transaction, the debit
 * ({@code ln-payment:<hash>}), the approval row (table {@code payment_approvals}) and a
 * {@code channel.operation} audit record are committed before the approval takes effect. A refusal
 * is audited as {@code channel.refusal} and debits nothing. Without an applied policy every
 * payment is refused.
 *
 * <p>Approvals are read from the store (rows are immutable, so they are cached once read): after
 * a restart, or when another process (the {@code custos channels approve-payment} command)
 * approved a payment, it is approved here too. An approval whose invoice expired authorizes
 * nothing: the signer refuses its HTLCs with {@code policy-invoice-not-expired}. A retry of an
 * identical approval returns it without a second debit, also after a restart; an approval of an
 * approved payment hash with other terms is refused.
 *
 * <p>{@link #approveInvoice} decodes and verifies a BOLT 11 invoice first (custos-core
 * {@link Bolt11Invoice}); an instance made without a {@link Network} approves no invoice.
 */
public final class PaymentApprovals {
  /** Invoice expiries past this are stored as this (earlier is only stricter). */
  private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  private final Store store;
  private final PolicyParser policies;
  private final String walletId;
  private final Optional<Network> network;
  private final Clock clock;
  private final Map<ByteVector32, ApprovedPayment> approved = new ConcurrentHashMap<>();

  /** An instance that approves stated payments only ({@link #approveInvoice} needs a network). */
  public PaymentApprovals(Store store, PolicyParser policies, String walletId, Clock clock) {
    this(store, policies, walletId, Optional.empty(), clock);
  }

  /** An instance for a node on {@code network}: invoices of any other network are refused. */
  public PaymentApprovals(Store store, PolicyParser policies, String walletId, Network network, Clock clock) {
    this(store, policies, walletId, Optional.of(network), clock);
  }

  private PaymentApprovals(Store store, PolicyParser policies, String walletId, Optional<Network> network, Clock clock) {
    this.store = store;
    this.policies = policies;
    this.walletId = walletId;
    this.network = network;
    this.clock = clock;
  }

  /**
   * Approves {@code payment} durably (its expiry kept to the microsecond): a retry of the same
   * approval returns it without a second debit.
   *
   * @throws ChannelRefusedException when the invoice expired, the budget does not allow it
   *     (audited), or the payment hash is approved with other terms
   * @throws StoreException when the decision cannot be recorded; nothing was approved
   */
  public ApprovedPayment approve(ApprovedPayment payment) throws ChannelRefusedException, StoreException {
    ApprovedPayment p = new ApprovedPayment(payment.paymentHash(), payment.amountMsat(), payment.maxFeeMsat(),
        payment.expiresAt().truncatedTo(ChronoUnit.MICROS));
    return record(p, Optional.empty(), Map.of());
  }

  /**
   * Approves paying the BOLT 11 invoice {@code bolt11} with at most {@code maxFeeMsat} of routing
   * fees. The invoice is decoded and its signature verified; it must be for this node's network
   * and carry an amount, or {@code amountMsat} must give one (an invoice with an amount accepts
   * only that amount). Then as {@link #approve}: expired ({@code policy-invoice-not-expired}) or
   * over budget ({@code policy-commitment-payment-velocity}) is refused and audited.
   *
   * @throws Bolt11Exception when the invoice does not decode or verify, is for another network,
   *     or its amount is missing or contradicted; nothing was recorded
   */
  public ApprovedPayment approveInvoice(String bolt11, long maxFeeMsat, OptionalLong amountMsat)
      throws Bolt11Exception, ChannelRefusedException, StoreException {
    Network ours = network.orElseThrow(() -> new Bolt11Exception("prefix", "this signer was set up without a network and approves no invoice"));
    Bolt11Invoice invoice = Bolt11Invoice.decode(bolt11);
    if (invoice.network() != ours) {
      throw new Bolt11Exception("prefix", "the invoice is for " + invoice.network().id() + ", this node is on " + ours.id());
    }
    long amount = amount(invoice, amountMsat);
    if (maxFeeMsat < 0) {
      throw new Bolt11Exception("amount", "the fee budget must be >= 0 msat, got " + maxFeeMsat);
    }
    Instant expiresAt = invoice.expiresAt().isAfter(LATEST_EXPIRY) ? LATEST_EXPIRY : invoice.expiresAt();
    ApprovedPayment payment;
    try {
      payment = new ApprovedPayment(invoice.paymentHash(), amount, maxFeeMsat, expiresAt);
    } catch (ArithmeticException e) {
      throw new Bolt11Exception("amount", amount + " msat + fee budget " + maxFeeMsat + " msat overflows");
    }
    return record(payment, Optional.of(invoice.text()), Map.of("payee", invoice.payee().toHex(), "invoice", invoice.text()));
  }

  /**
   * The approved payment for {@code paymentHash}, if any (expired or not: the signer judges
   * expiry).
   */
  public Optional<ApprovedPayment> approval(ByteVector32 paymentHash) throws StoreException {
    ApprovedPayment cached = approved.get(paymentHash);
    return cached != null ? Optional.of(cached) : store.read(tx -> approval(tx, paymentHash));
  }

  /** {@link #approval(ByteVector32)} read in the caller's transaction. */
  Optional<ApprovedPayment> approval(ReadTx tx, ByteVector32 paymentHash) throws StoreException {
    ApprovedPayment cached = approved.get(paymentHash);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<ApprovedPayment> stored = tx.paymentApproval(paymentHash.toByteArray()).map(PaymentApprovals::payment);
    stored.ifPresent(p -> approved.put(paymentHash, p));
    return stored;
  }

  /** Every stored approval, oldest first, with its invoice when it was approved from one. */
  public List<StoredPaymentApproval> stored() throws StoreException {
    return store.read(ReadTx::paymentApprovals);
  }

  private static long amount(Bolt11Invoice invoice, OptionalLong given) throws Bolt11Exception {
    if (invoice.amountMsat().isPresent()) {
      long stated = invoice.amountMsat().getAsLong();
      if (given.isPresent() && given.getAsLong() != stated) {
        throw new Bolt11Exception("amount", "the invoice asks for " + stated + " msat, not " + given.getAsLong() + " msat");
      }
      return stated;
    }
    if (given.isEmpty() || given.getAsLong() <= 0) {
      throw new Bolt11Exception("amount", "the invoice has no amount: give the amount to pay (> 0 msat)");
    }
    return given.getAsLong();
  }

  private static ApprovedPayment payment(StoredPaymentApproval row) {
    return new ApprovedPayment(new ByteVector32(row.paymentHash()), row.amountMsat(), row.maxFeeMsat(), row.expiresAt());
  }

  /** What the write transaction found: a new decision (audited), or an approval already stored. */
  private sealed interface Outcome {
    record Decided(PaymentApproval.Decision decision) implements Outcome {}

    record Stored(ApprovedPayment existing) implements Outcome {}
  }

  private ApprovedPayment record(ApprovedPayment payment, Optional<String> invoice, Map<String, String> auditExtra)
      throws ChannelRefusedException, StoreException {
    Outcome outcome = store.write(tx -> {
      Optional<ApprovedPayment> existing = tx.paymentApproval(payment.paymentHash().toByteArray()).map(PaymentApprovals::payment);
      if (existing.isPresent()) {
        return new Outcome.Stored(existing.get());
      }
      return new Outcome.Decided(decide(tx, payment, invoice, auditExtra));
    });
    return switch (outcome) {
      case Outcome.Stored s -> {
        approved.put(payment.paymentHash(), s.existing());
        if (!s.existing().equals(payment)) {
          throw new ChannelRefusedException(LnPolicy.COMMITMENT_PAYMENT_INVOICED, "payment " + payment.paymentHash().toHex()
              + " was already approved with other terms");
        }
        yield s.existing();
      }
      case Outcome.Decided d -> switch (d.decision()) {
        case PaymentApproval.Decision.Approved a -> {
          approved.put(payment.paymentHash(), payment);
          yield payment;
        }
        case PaymentApproval.Decision.Refused r -> throw new ChannelRefusedException(r.rule(), r.reason());
      };
    };
  }

  private PaymentApproval.Decision decide(WriteTx tx, ApprovedPayment payment, Optional<String> invoice, Map<String, String> auditExtra)
      throws StoreException {
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
    fields.putAll(auditExtra);
    switch (decision) {
      case PaymentApproval.Decision.Approved a -> {
        tx.debit(List.of(a.debit()), now, "ln-payment:" + payment.paymentHash().toHex());
        tx.putPaymentApproval(new StoredPaymentApproval(payment.paymentHash().toByteArray(), payment.amountMsat(),
            payment.maxFeeMsat(), payment.expiresAt(), invoice, now));
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
