package dev.custos.core.frost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What distinguishes one FROST(secp256k1, SHA-256) ciphersuite from another: the context string
 * that separates the hash domains, the challenge, whether keys and group commitments are
 * normalized to even y (BIP340), and how the final signature is encoded. Everything else
 * (nonces, binding factors, Lagrange coefficients, share verification, aggregation) is common
 * and lives in {@link Frost}.
 *
 * <p>The defaults are RFC 9591 §6.5 with {@link #contextString()} as prefix; HDKG (the DKG proof
 * of knowledge challenge) follows the ZF FROST convention {@code hash_to_field(m, ctx || "dkg")}.
 *
 * <p>Implementations: {@link Rfc9591Secp256k1}, {@link ZfSecp256k1Taproot}. A BIP 445 dialect is
 * a third implementation of this interface.
 */
public interface FrostDialect {

  /** The ciphersuite context string, e.g. {@code FROST-secp256k1-SHA256-v1}. */
  String contextString();

  /** H1: binding factor, {@code hash_to_field(m, ctx || "rho")}. */
  default Scalar h1(byte[] m) {
    return HashToField.toPublicScalar(contextString() + "rho", m);
  }

  /**
   * H3: nonce, {@code hash_to_field(randomBytes || secretEnc, ctx || "nonce")}, returned as a
   * secret 32-byte array the caller must zeroize.
   */
  default byte[] h3Nonce(byte[] randomBytes, byte[] secretEnc) throws FrostException {
    return HashToField.toSecretScalar(contextString() + "nonce", randomBytes, secretEnc);
  }

  /** H4: message hash, {@code SHA-256(ctx || "msg" || m)}. */
  default byte[] h4(byte[] m) {
    return prefixedSha256("msg", m);
  }

  /** H5: commitment list hash, {@code SHA-256(ctx || "com" || m)}. */
  default byte[] h5(byte[] m) {
    return prefixedSha256("com", m);
  }

  /** HDKG: DKG proof-of-knowledge challenge, {@code hash_to_field(m, ctx || "dkg")}. */
  default Scalar hdkg(byte[] m) {
    return HashToField.toPublicScalar(contextString() + "dkg", m);
  }

  /** The Schnorr challenge {@code c} binding the group commitment, group key and message. */
  Scalar challenge(GroupElement groupCommitment, GroupElement groupKey, byte[] message);

  /**
   * True when the group key and the group commitment are used with even y (BIP340): signers
   * negate their share when the group key has odd y and their nonces when the group commitment
   * has odd y.
   */
  boolean normalizesToEvenY();

  /** The encoding of the aggregated signature {@code (R, z)}. */
  byte[] encodeSignature(GroupElement groupCommitment, Scalar z);

  /** Strict inverse of {@link #encodeSignature}: exact length, valid point, scalar below n. */
  FrostSignature decodeSignature(byte[] bytes) throws FrostException;

  private byte[] prefixedSha256(String label, byte[] m) {
    MessageDigest h = HashToField.sha256();
    h.update((contextString() + label).getBytes(StandardCharsets.US_ASCII));
    h.update(m);
    return h.digest();
  }
}
