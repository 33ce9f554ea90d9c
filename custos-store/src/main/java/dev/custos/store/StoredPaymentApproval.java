package dev.custos.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An approved outgoing Lightning payment as stored (table {@code payment_approvals}): the 32-byte
 * payment hash, the amount and the most routing fees it may cost (msat), when the invoice
 * expires, the BOLT 11 invoice it was decoded from (absent when the node stated the fields), and
 * when it was approved. Times are kept to the microsecond. Equal by content; the hash is copied in
 * and out.
 */
public record StoredPaymentApproval(byte[] paymentHash, long amountMsat, long maxFeeMsat, Instant expiresAt,
    Optional<String> invoice, Instant approvedAt) {
  public StoredPaymentApproval {
    if (paymentHash == null || paymentHash.length != 32) {
      throw new IllegalArgumentException("a stored payment approval needs a 32-byte payment hash");
    }
    if (amountMsat <= 0 || maxFeeMsat < 0) {
      throw new IllegalArgumentException("payment amount must be > 0 and its fee budget >= 0, got amount=" + amountMsat
          + " fee=" + maxFeeMsat);
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(approvedAt, "approvedAt");
    paymentHash = paymentHash.clone();
  }

  @Override
  public byte[] paymentHash() {
    return paymentHash.clone();
  }

  public String paymentHashHex() {
    return HexFormat.of().formatHex(paymentHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredPaymentApproval p && Arrays.equals(paymentHash, p.paymentHash) && amountMsat == p.amountMsat
        && maxFeeMsat == p.maxFeeMsat && expiresAt.equals(p.expiresAt) && invoice.equals(p.invoice) && approvedAt.equals(p.approvedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(paymentHash), amountMsat, maxFeeMsat, expiresAt);
  }

  @Override
  public String toString() {
    return "StoredPaymentApproval[hash=" + paymentHashHex() + ", amountMsat=" + amountMsat + ", maxFeeMsat=" + maxFeeMsat
        + ", expiresAt=" + expiresAt + ", invoice=" + invoice.isPresent() + ", approvedAt=" + approvedAt + "]";
  }
}
