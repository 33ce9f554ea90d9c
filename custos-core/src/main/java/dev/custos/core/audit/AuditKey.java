package dev.custos.core.audit;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The key that signs audit checkpoints, derived from the wallet seed at {@link #PATH}
 * ({@code m/67858384'/0'}, BIP32 hardened derivation) and used for BIP340 Schnorr signatures
 * through libsecp256k1.
 *
 * <p>Why this path: BIP43 makes the first level a "purpose". 67858384 spells {@code CUST} in
 * decimal ASCII codes (67 85 83 84), following BIP85's {@code 83696968'} ("SEED"); it is not a
 * BIP number, so it cannot collide with the account paths of BIP44, BIP45, BIP48, BIP49, BIP84
 * or BIP86 (purposes 44', 45', 48', 49', 84', 86'), nor with BIP85. The second level
 * {@code 0'} is "checkpoint key, version 1". Every step is hardened: neither an account xpub nor
 * this key's public key reveals anything about the other keys, and a leaked audit private key
 * does not lead back to the seed.
 *
 * <p>The private key is {@link SecretBytes}: never printed ({@link #toString()} is
 * {@code <secret>}), zeroized by {@link #close()}, after which signing throws
 * {@link IllegalStateException}. The public key stays readable after close.
 */
public final class AuditKey implements AutoCloseable {
  /** {@code m/67858384'/0'}: reserved for the Custos audit checkpoint key. */
  public static final KeyPath PATH = KeyPath.parse("m/67858384'/0'");

  private static final Secp256k1 SECP = Secp256k1.get();

  private final SecretBytes privateKey;
  private final XonlyPublicKey publicKey;

  private AuditKey(SecretBytes privateKey, XonlyPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * Derives the audit key from the wallet's master key. The caller keeps ownership of
   * {@code master} and closes the returned key.
   *
   * @throws IllegalArgumentException if {@code master} is not a master key (depth 0)
   */
  public static AuditKey derive(ExtendedPrivateKey master) {
    if (master.depth() != 0) {
      throw new IllegalArgumentException(
          "the audit key is derived from the master key, not from " + master.path());
    }
    try (ExtendedPrivateKey child = master.derive(PATH)) {
      XonlyPublicKey xonly = new XonlyPublicKey(child.publicKey());
      return new AuditKey(SecretBytes.takeOwnership(child.withPrivateKey(byte[]::clone)), xonly);
    }
  }

  /** The BIP340 x-only public key that verifies checkpoints; the wallet pins it at init. */
  public XonlyPublicKey publicKey() {
    return publicKey;
  }

  /** BIP340 signature of {@code digest32} with 32 bytes of fresh auxiliary randomness. */
  byte[] sign(ByteVector32 digest32, SecureRandom random) {
    byte[] aux = new byte[32];
    random.nextBytes(aux);
    try {
      return privateKey.use(k -> SECP.signSchnorr(digest32.toByteArray(), k, aux));
    } finally {
      Arrays.fill(aux, (byte) 0);
    }
  }

  /** Zeroizes the private key. Idempotent. */
  @Override
  public void close() {
    privateKey.close();
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
