package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.SigHash;
import fr.acinq.bitcoin.Transaction;
import java.util.List;

/**
 * An unsigned second-stage HTLC transaction (BOLT 3 "HTLC-Timeout and HTLC-Success
 * Transactions") spending one HTLC output of a commitment.
 *
 * @param htlcScript the witness script of the spent commitment output
 * @param htlcAmount the value of the spent commitment output
 * @param remoteSighash the sighash type of the remote (non-broadcaster) signature:
 *     {@code SIGHASH_SINGLE|SIGHASH_ANYONECANPAY} with anchors, {@code SIGHASH_ALL} otherwise;
 *     the local signature is always {@code SIGHASH_ALL}
 */
public record HtlcTransaction(
    Transaction tx, Htlc htlc, ByteVector htlcScript, Satoshi htlcAmount, int remoteSighash) {

  /** Whether this is an HTLC-success (received HTLC) rather than an HTLC-timeout. */
  public boolean isSuccess() {
    return htlc.direction() == HtlcDirection.RECEIVED;
  }

  /**
   * The transaction with the witness {@code 0 <remotehtlcsig> <localhtlcsig> <preimage or empty>
   * <htlc script>}. Signatures are DER without sighash byte. For HTLC-success the preimage must
   * hash to the payment hash; for HTLC-timeout pass {@code null}.
   */
  public Transaction withWitness(ByteVector remoteSignature, ByteVector localSignature, ByteVector32 preimage) {
    ByteVector last;
    if (isSuccess()) {
      if (preimage == null || !new ByteVector32(Crypto.sha256(preimage.toByteArray())).equals(htlc.paymentHash())) {
        throw new IllegalArgumentException("HTLC-success needs the preimage of payment hash " + htlc.paymentHash());
      }
      last = preimage;
    } else {
      if (preimage != null) {
        throw new IllegalArgumentException("HTLC-timeout takes no preimage");
      }
      last = ByteVector.empty;
    }
    return tx.updateWitness(0, new ScriptWitness(List.of(ByteVector.empty,
        Bolt3Signatures.withSighash(remoteSignature, remoteSighash),
        Bolt3Signatures.withSighash(localSignature, SigHash.SIGHASH_ALL), last, htlcScript)));
  }
}
