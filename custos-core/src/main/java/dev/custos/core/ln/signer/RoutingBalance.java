package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import fr.acinq.bitcoin.ByteVector32;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Payments rules on a counterparty commitment we are about to sign (VLS "Payments"): every HTLC we
 * offer that no earlier signed counterparty commitment carried must be balanced, per payment hash,
 * either by HTLCs offered to us (routing: what we receive covers what we send, so the fee is ours)
 * or by an approved payment that is not expired and not exceeded.
 *
 * <p>Rules: {@code policy-commitment-htlc-routing-balance} (neither received nor approved),
 * {@code policy-invoice-not-expired}, {@code policy-commitment-payment-invoiced} (more sent than
 * the approved amount plus its fee budget, counting every channel). In the counterparty's
 * commitment an HTLC we offered is one the counterparty {@link HtlcDirection#RECEIVED receives}.
 */
final class RoutingBalance {
  private RoutingBalance() {}

  static void check(ChannelState s, CommitmentSpec counterpartySpec, PaymentLedger ledger) throws ChannelPolicyException {
    Set<Htlc> known = new HashSet<>();
    for (CounterpartyCommitment c : s.counterpartyUnrevoked()) {
      known.addAll(c.spec().htlcs());
    }
    Set<ByteVector32> hashes = new LinkedHashSet<>();
    for (Htlc h : counterpartySpec.htlcs()) {
      if (h.direction() == HtlcDirection.RECEIVED && !known.contains(h)) {
        hashes.add(h.paymentHash());
      }
    }
    for (ByteVector32 hash : hashes) {
      long offered = ledger.offeredElsewhereMsat(hash);
      long received = ledger.receivedElsewhereMsat(hash);
      for (Htlc h : counterpartySpec.htlcs()) {
        if (h.paymentHash().equals(hash)) {
          if (h.direction() == HtlcDirection.RECEIVED) {
            offered = Math.addExact(offered, h.amount().value());
          } else {
            received = Math.addExact(received, h.amount().value());
          }
        }
      }
      if (received >= offered) {
        continue;
      }
      String which = "channel " + s.id() + " counterparty commitment " + counterpartySpec.commitmentNumber()
          + ": payment hash " + hash.toHex() + " offers " + offered + " msat";
      var approval = ledger.approval(hash);
      if (approval.isEmpty()) {
        throw new ChannelPolicyException(LnPolicy.COMMITMENT_HTLC_ROUTING_BALANCE, which + " but receives " + received
            + " msat and no payment is approved");
      }
      ApprovedPayment approved = approval.get();
      if (!ledger.now().isBefore(approved.expiresAt())) {
        throw new ChannelPolicyException(LnPolicy.INVOICE_NOT_EXPIRED, which + " for an invoice that expired at "
            + approved.expiresAt());
      }
      if (offered > approved.maxOutgoingMsat()) {
        throw new ChannelPolicyException(LnPolicy.COMMITMENT_PAYMENT_INVOICED, which + " > approved " + approved.amountMsat()
            + " msat + fee budget " + approved.maxFeeMsat() + " msat");
      }
    }
  }
}
