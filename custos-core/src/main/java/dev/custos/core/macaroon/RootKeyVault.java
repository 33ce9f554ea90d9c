package dev.custos.core.macaroon;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.secret.AesGcm;
import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and unseals macaroon root keys under a key-encryption key (KEK) derived from the wallet
 * seed, so the store only ever holds encrypted root keys (docs/macaroons.md, "Root keys").
 *
 * <p>KEK: the 32-byte private key of the BIP32 node {@link #PATH} ({@code m/67858384'/1'}, hardened
 * derivation, next to the audit key at {@code m/67858384'/0'}) hashed with a domain-separation tag:
 * {@code KEK = HMAC-SHA256(key = "custos/macaroon-kek/v1", message = privateKey)} (the HKDF-Extract
 * shape of RFC 5869, tag as salt).
 *
 * <p>Sealed root key ({@link #SEALED_BYTES} bytes): {@code 0x01 || nonce(12) || AES-256-GCM(KEK,
 * nonce, aad, rootKey)} with the 16-byte tag appended (NIST SP 800-38D, JDK {@code
 * AES/GCM/NoPadding}) and {@code aad = "custos/macaroon-root-key/v1" || rootKeyId}: a sealed key
 * copied to another id does not open.
 *
 * <p>The KEK is {@link SecretBytes}: never printed, zeroized by {@link #close()}, after which
 * sealing and unsealing throw {@link IllegalStateException}. Thread-safe until closed.
 */
public final class RootKeyVault implements AutoCloseable {
  /** {@code m/67858384'/1'}: reserved for the Custos macaroon key-encryption key. */
  public static final KeyPath PATH = KeyPath.parse("m/67858384'/1'");
  /** Root keys are 32 random bytes, as LND's. */
  public static final int ROOT_KEY_BYTES = 32;
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = AesGcm.TAG_BYTES;
  public static final int SEALED_BYTES = 1 + NONCE_BYTES + ROOT_KEY_BYTES + TAG_BYTES;
  static final int FORMAT_VERSION = 1;
  static final byte[] KEK_TAG = "custos/macaroon-kek/v1".getBytes(StandardCharsets.US_ASCII);
  static final byte[] AAD_PREFIX = "custos/macaroon-root-key/v1".getBytes(StandardCharsets.US_ASCII);
  private static final String HMAC = "HmacSHA256";

  private final SecretBytes kek;

  private RootKeyVault(SecretBytes kek) {
    this.kek = kek;
  }

  /**
   * Derives the vault's KEK from the wallet's master key; the caller keeps ownership of {@code
   * master} and closes the vault.
   *
   * @throws IllegalArgumentException if {@code master} is not a master key (depth 0)
   */
  public static RootKeyVault derive(ExtendedPrivateKey master) {
    if (master.depth() != 0) {
      throw new IllegalArgumentException("the macaroon key-encryption key is derived from the master key, not from " + master.path());
    }
    try (ExtendedPrivateKey node = master.derive(PATH)) {
      return new RootKeyVault(SecretBytes.takeOwnership(node.withPrivateKey(RootKeyVault::kekOf)));
    }
  }

  private static byte[] kekOf(byte[] privateKey) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(KEK_TAG, HMAC));
      return mac.doFinal(privateKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable: " + e.getClass().getSimpleName(), e);
    }
  }

  /** A fresh 32-byte root key from {@code random}; the caller closes it. */
  public static SecretBytes newRootKey(SecureRandom random) {
    return SecretBytes.random(ROOT_KEY_BYTES, random);
  }

  /** Seals {@code rootKey} for storage under {@code id}, with a fresh nonce from {@code random}. */
  public byte[] seal(RootKeyId id, SecretBytes rootKey, SecureRandom random) {
    if (rootKey.length() != ROOT_KEY_BYTES) {
      throw new IllegalArgumentException("a macaroon root key is " + ROOT_KEY_BYTES + " bytes");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] body = AesGcm.encrypt(kek, nonce, associatedData(id), rootKey);
    byte[] sealed = new byte[SEALED_BYTES];
    sealed[0] = FORMAT_VERSION;
    System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
    System.arraycopy(body, 0, sealed, 1 + NONCE_BYTES, body.length);
    return sealed;
  }

  /**
   * Opens a root key sealed under {@code id}; the caller closes the result.
   *
   * @throws RootKeyUnsealException if the bytes are malformed, or were sealed under another id or
   *     seed, or altered
   */
  public SecretBytes unseal(RootKeyId id, byte[] sealed) throws RootKeyUnsealException {
    if (sealed == null || sealed.length != SEALED_BYTES) {
      throw new RootKeyUnsealException("sealed root key " + id + " is " + (sealed == null ? 0 : sealed.length)
          + " bytes, expected " + SEALED_BYTES);
    }
    if (sealed[0] != FORMAT_VERSION) {
      throw new RootKeyUnsealException("sealed root key " + id + " has unknown format version " + (sealed[0] & 0xff));
    }
    byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
    try {
      return AesGcm.decrypt(kek, nonce, associatedData(id), Arrays.copyOfRange(sealed, 1 + NONCE_BYTES, sealed.length));
    } catch (AEADBadTagException e) {
      throw new RootKeyUnsealException("sealed root key " + id
          + " does not authenticate: sealed under another id or seed, or altered");
    }
  }

  /** {@code "custos/macaroon-root-key/v1" || id}: a sealed key opens only under its own id. */
  private static byte[] associatedData(RootKeyId id) {
    byte[] ad = Arrays.copyOf(AAD_PREFIX, AAD_PREFIX.length + RootKeyId.BYTES);
    System.arraycopy(id.bytes(), 0, ad, AAD_PREFIX.length, RootKeyId.BYTES);
    return ad;
  }

  /** Zeroizes the KEK. Idempotent. */
  @Override
  public void close() {
    kek.close();
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
