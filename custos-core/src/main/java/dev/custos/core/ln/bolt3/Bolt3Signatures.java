package dev.custos.core.ln.bolt3;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.SigHash;
import fr.acinq.bitcoin.SigVersion;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.secp256k1.Secp256k1;

/**
 * BIP143 (segwit v0) ECDSA signatures for BOLT 3 transactions through libsecp256k1: RFC 6979
 * nonces without extra entropy (no low-R grinding, so the BOLT 3 vectors' signatures are
 * reproduced exactly) and low-S. Signatures are DER without the sighash byte, as BOLT 2 messages
 * carry them; the {@code with*Witness} methods append the sighash type.
 */
public final class Bolt3Signatures {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private Bolt3Signatures() {}

  /** Signs input {@code inputIndex} spending {@code amount} locked by {@code witnessScript}. */
  public static ByteVector sign(
      Transaction tx, int inputIndex, ByteVector witnessScript, Satoshi amount, int sighashType, SecretBytes privateKey) {
    byte[] digest = tx.hashForSigning(inputIndex, witnessScript.toByteArray(), sighashType, amount, SigVersion.SIGVERSION_WITNESS_V0);
    byte[] compact = privateKey.use(k -> SECP.sign(digest, k, null));
    return new ByteVector(SECP.compact2der(compact));
  }

  /** A commitment signature with the funding key (SIGHASH_ALL). */
  public static ByteVector signCommitment(CommitmentTransaction commitment, SecretBytes fundingPrivateKey) {
    return sign(commitment.tx(), 0, commitment.fundingScript(), commitment.fundingAmount(), SigHash.SIGHASH_ALL, fundingPrivateKey);
  }

  /** A mutual-close signature with the funding key (SIGHASH_ALL). */
  public static ByteVector signClosing(ClosingTransaction closing, SecretBytes fundingPrivateKey) {
    return sign(closing.tx(), 0, closing.fundingScript(), closing.fundingAmount(), SigHash.SIGHASH_ALL, fundingPrivateKey);
  }

  /**
   * An HTLC transaction signature with an htlc private key: as the broadcaster
   * ({@code localhtlcsig}, SIGHASH_ALL) or as the other node ({@code remotehtlcsig}, whose sighash
   * is {@link HtlcTransaction#remoteSighash()}).
   */
  public static ByteVector signHtlc(HtlcTransaction htlcTx, boolean asBroadcaster, SecretBytes htlcPrivateKey) {
    int sighash = asBroadcaster ? SigHash.SIGHASH_ALL : htlcTx.remoteSighash();
    return sign(htlcTx.tx(), 0, htlcTx.htlcScript(), htlcTx.htlcAmount(), sighash, htlcPrivateKey);
  }

  /** A sweep signature (SIGHASH_ALL) with the key the spend path needs. */
  public static ByteVector signSweep(SweepTransaction sweep, SecretBytes privateKey) {
    return sign(sweep.tx(), 0, sweep.witnessScript(), sweep.spentAmount(), SigHash.SIGHASH_ALL, privateKey);
  }

  static ByteVector withSighash(ByteVector der, int sighashType) {
    return der.concat((byte) sighashType);
  }
}
