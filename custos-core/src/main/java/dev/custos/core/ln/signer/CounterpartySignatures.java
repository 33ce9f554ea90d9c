package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.SigVersion;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.secp256k1.Secp256k1;

/** Verifies a counterparty's BIP143 signature (DER, no sighash byte) with libsecp256k1. */
final class CounterpartySignatures {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private CounterpartySignatures() {}

  static boolean valid(Transaction tx, ByteVector witnessScript, Satoshi amount, int sighash, ByteVector der, PublicKey key) {
    byte[] digest = tx.hashForSigning(0, witnessScript.toByteArray(), sighash, amount, SigVersion.SIGVERSION_WITNESS_V0);
    try {
      byte[] compact = SECP.der2compact(der.toByteArray());
      return SECP.verify(compact, digest, key.value.toByteArray());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
