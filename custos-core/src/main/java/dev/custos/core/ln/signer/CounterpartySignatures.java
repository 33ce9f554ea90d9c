package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.SigVersion;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.secp256k1.Secp256k1;

/**
 * Verifies a counterparty's BIP143 signature (DER, no sighash byte) with libsecp256k1. A key that
 * checks several signatures (the HTLC key of a commitment) is decompressed once ({@link #key}):
 * libsecp256k1 parses a compressed key with a square root on every verification.
 */
final class CounterpartySignatures {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private CounterpartySignatures() {}

  /** {@code key} in the 65-byte uncompressed form libsecp256k1 parses without a square root. */
  static byte[] key(PublicKey key) {
    return SECP.pubkeyParse(key.value.toByteArray());
  }

  static boolean valid(Transaction tx, ByteVector witnessScript, Satoshi amount, int sighash, ByteVector der, PublicKey key) {
    return valid(tx, witnessScript, amount, sighash, der, key.value.toByteArray());
  }

  /** As above with {@code key} serialized (33 or 65 bytes, see {@link #key}). */
  static boolean valid(Transaction tx, ByteVector witnessScript, Satoshi amount, int sighash, ByteVector der, byte[] key) {
    byte[] digest = tx.hashForSigning(0, witnessScript.toByteArray(), sighash, amount, SigVersion.SIGVERSION_WITNESS_V0);
    try {
      byte[] compact = SECP.der2compact(der.toByteArray());
      return SECP.verify(compact, digest, key);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
