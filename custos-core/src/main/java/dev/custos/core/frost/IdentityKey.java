package dev.custos.core.frost;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A cosigner's secret identity key: a secp256k1 secret key normalized, as BIP340 does, so that
 * its public point has even y. It signs DKG transcript certificates (BIP340, by libsecp256k1) and
 * derives the pairwise ECDH secrets that round-two shares are encrypted under. Because both sides
 * use even-y keys, {@code ecdh(a, B) == ecdh(b, A)}. Never printed; {@link #close()} zeroizes.
 */
public final class IdentityKey implements AutoCloseable {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private final SecretBytes secret;
  private final IdentityPublicKey publicKey;

  private IdentityKey(SecretBytes secret, IdentityPublicKey publicKey) {
    this.secret = secret;
    this.publicKey = publicKey;
  }

  /**
   * Takes ownership of a 32-byte secret key (refused, and closed, unless it is in (0, n)); negates
   * it when its point has odd y.
   */
  public static IdentityKey of(SecretBytes secretKey) throws FrostException {
    byte[] k = secretKey.copy();
    secretKey.close();
    try {
      if (k.length != 32 || !SECP.secKeyVerify(k)) {
        throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "identity key must be a 32-byte secret key in (0, n)");
      }
      byte[] point = SECP.pubKeyCompress(SECP.pubkeyCreate(k));
      byte[] even = SecretArithmetic.conditionalNegate(k, point[0] == 3);
      return new IdentityKey(SecretBytes.takeOwnership(even), IdentityPublicKey.decode(Arrays.copyOfRange(point, 1, 33)));
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** A fresh random identity key. */
  public static IdentityKey random(SecureRandom random) throws FrostException {
    return of(SecretBytes.takeOwnership(SecretPolynomial.randomScalar(random)));
  }

  public IdentityPublicKey publicKey() {
    return publicKey;
  }

  /** BIP340 signature of the 32-byte {@code message} with fresh auxiliary randomness. */
  byte[] signBip340(byte[] message, SecureRandom random) {
    byte[] aux = new byte[32];
    random.nextBytes(aux);
    return secret.use(k -> SECP.signSchnorr(message, k, aux));
  }

  /**
   * libsecp256k1's ECDH secret with {@code peer}: {@code SHA256(compressed(k * P_peer))}, 32 bytes
   * the caller owns and closes.
   */
  SecretBytes sharedSecret(IdentityPublicKey peer) {
    return SecretBytes.takeOwnership(secret.use(k -> SECP.ecdh(k, peer.evenYPoint())));
  }

  /** The secret bytes, for sealing; the caller owns and closes the returned copy. */
  public SecretBytes toSecretBytes() {
    return SecretBytes.takeOwnership(secret.copy());
  }

  @Override
  public void close() {
    secret.close();
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
