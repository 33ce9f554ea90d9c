package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;

/**
 * An outgoing payment the operator's node asked Custos to approve (VLS "approved invoices"): the
 * invoice's payment hash and amount, the most routing fees it may cost, and when the invoice
 * expires. Once approved, offered HTLCs carrying {@code paymentHash} may add up, across all
 * channels, to {@code amountMsat + maxFeeMsat} until {@code expiresAt}
 * ({@code policy-commitment-payment-invoiced}, {@code policy-invoice-not-expired}).
 */
public record ApprovedPayment(ByteVector32 paymentHash, long amountMsat, long maxFeeMsat, Instant expiresAt) {
  public ApprovedPayment {
    if (paymentHash == null || expiresAt == null) {
      throw new IllegalArgumentException("an approved payment needs a payment hash and an expiry");
    }
    if (amountMsat <= 0 || maxFeeMsat < 0) {
      throw new IllegalArgumentException("payment amount must be > 0 msat and its fee budget >= 0, got amount="
          + amountMsat + " fee=" + maxFeeMsat);
    }
    Math.addExact(amountMsat, maxFeeMsat);
  }

  /** The most the payment may send, fees included. */
  public long maxOutgoingMsat() {
    return amountMsat + maxFeeMsat;
  }

  /** The amount debited from the velocity budget: {@link #maxOutgoingMsat()} rounded up to whole sat. */
  public long debitSat() {
    return Math.ceilDiv(maxOutgoingMsat(), 1000L);
  }
}
