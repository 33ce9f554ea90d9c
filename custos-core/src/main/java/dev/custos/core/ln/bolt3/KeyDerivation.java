package dev.custos.core.ln.bolt3;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;

/**
 * BOLT 3 "Key Derivation", every curve operation in libsecp256k1 (secp256k1-kmp), hashes here.
 *
 * <ul>
 *   <li>{@code per_commitment_point = per_commitment_secret * G}
 *   <li>{@code pubkey = basepoint + SHA256(per_commitment_point || basepoint) * G} (localpubkey,
 *       htlcpubkeys, delayedpubkeys; with option_static_remotekey {@code remotepubkey} is the
 *       payment basepoint itself) and {@code privkey = basepoint_secret + SHA256(...)}
 *   <li>{@code revocationpubkey = revocation_basepoint * SHA256(revocation_basepoint ||
 *       per_commitment_point) + per_commitment_point * SHA256(per_commitment_point ||
 *       revocation_basepoint)} and the matching private key.
 * </ul>
 *
 * <p>Private keys come back as 32-byte {@link SecretBytes} the caller closes. A tweak that lands
 * outside the curve order (probability about 2^-128) throws {@link IllegalStateException}.
 */
public final class KeyDerivation {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private KeyDerivation() {}

  /** The public key of a 32-byte secret (per-commitment point, basepoint). */
  public static PublicKey publicKeyOf(SecretBytes secret) {
    return secret.use(s -> compressed(SECP.pubkeyCreate(s)));
  }

  /** {@code basepoint + SHA256(per_commitment_point || basepoint) * G}. */
  public static PublicKey derivePublicKey(PublicKey basepoint, PublicKey perCommitmentPoint) {
    byte[] tweak = Sha256.of(perCommitmentPoint.value.toByteArray(), basepoint.value.toByteArray());
    // basepoint + tweak*G as a generator multiplication and a point addition: libsecp256k1's
    // pubkey_tweak_add computes the same sum with a general multi-scalar multiplication, slower.
    byte[] tweakPoint = SECP.pubkeyCreate(tweak);
    return compressed(SECP.pubKeyCombine(new byte[][] {basepoint.value.toByteArray(), tweakPoint}));
  }

  /** {@code basepoint_secret + SHA256(per_commitment_point || basepoint)} (mod n). */
  public static SecretBytes derivePrivateKey(SecretBytes basepointSecret, PublicKey perCommitmentPoint) {
    return derivePrivateKey(basepointSecret, publicKeyOf(basepointSecret), perCommitmentPoint);
  }

  /**
   * As {@link #derivePrivateKey(SecretBytes, PublicKey)} with the basepoint already known, which
   * saves a curve multiplication. <b>Precondition:</b> {@code basepoint} is {@code
   * basepoint_secret * G} (a mismatched basepoint derives a key that signs nothing valid).
   */
  public static SecretBytes derivePrivateKey(SecretBytes basepointSecret, PublicKey basepoint, PublicKey perCommitmentPoint) {
    byte[] tweak = Sha256.of(perCommitmentPoint.value.toByteArray(), basepoint.value.toByteArray());
    return SecretBytes.takeOwnership(basepointSecret.use(s -> tweak(s, tweak, true)));
  }

  /** The blinded {@code revocationpubkey} of a revocation basepoint and a per-commitment point. */
  public static PublicKey revocationPublicKey(PublicKey revocationBasepoint, PublicKey perCommitmentPoint) {
    byte[] base = revocationBasepoint.value.toByteArray();
    byte[] point = perCommitmentPoint.value.toByteArray();
    byte[] a = SECP.pubKeyTweakMul(base, Sha256.of(base, point));
    byte[] b = SECP.pubKeyTweakMul(point, Sha256.of(point, base));
    return compressed(SECP.pubKeyCombine(new byte[][] {a, b}));
  }

  /**
   * {@code revocation_basepoint_secret * SHA256(revocation_basepoint || per_commitment_point) +
   * per_commitment_secret * SHA256(per_commitment_point || revocation_basepoint)}: the key that
   * claims every output of a revoked commitment.
   */
  public static SecretBytes revocationPrivateKey(SecretBytes revocationBasepointSecret, SecretBytes perCommitmentSecret) {
    byte[] base = publicKeyOf(revocationBasepointSecret).value.toByteArray();
    byte[] point = publicKeyOf(perCommitmentSecret).value.toByteArray();
    byte[] a = revocationBasepointSecret.use(s -> tweak(s, Sha256.of(base, point), false));
    byte[] b = perCommitmentSecret.use(s -> tweak(s, Sha256.of(point, base), false));
    try {
      return SecretBytes.takeOwnership(SECP.privKeyTweakAdd(a, b));
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /** {@code secret + tweak} or {@code secret * tweak} (mod n) on a copy that is zeroized after. */
  private static byte[] tweak(byte[] secret, byte[] tweak, boolean add) {
    byte[] copy = secret.clone();
    try {
      return add ? SECP.privKeyTweakAdd(copy, tweak) : SECP.privKeyTweakMul(copy, tweak);
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  private static PublicKey compressed(byte[] uncompressed) {
    return new PublicKey(SECP.pubKeyCompress(uncompressed));
  }
}
