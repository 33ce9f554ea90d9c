package dev.custos.ldk.signer;

import fr.acinq.bitcoin.ByteVector;
import java.util.List;

/**
 * A commitment signature and the signatures of its HTLC transactions, in commitment output order
 * (BOLT 2 {@code commitment_signed.htlc_signatures} order). DER, without the sighash byte.
 */
public record CommitmentSignatures(ByteVector commitmentSignature, List<ByteVector> htlcSignatures) {
  public CommitmentSignatures {
    htlcSignatures = List.copyOf(htlcSignatures);
  }
}
