package dev.custos.core.secret;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM (NIST SP 800-38D) with a 12-byte nonce and a 16-byte tag, computed by the JDK's
 * {@code AES/GCM/NoPadding}. Output is {@code ciphertext || tag}.
 *
 * <p>The key reaches the JDK through a {@link SecretKey} view whose encoded copies are the JDK's to
 * clear; the caller's {@link SecretBytes} and our temporary copies are zeroized here. The expanded
 * AES key schedule inside the JDK cipher is beyond our reach and dies with the cipher object.
 */
public final class AesGcm {
  public static final int KEY_BYTES = 32;
  public static final int TAG_BYTES = 16;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int TAG_BITS = TAG_BYTES * 8;

  private AesGcm() {}

  public static byte[] encrypt(SecretBytes key, byte[] nonce, byte[] associatedData, SecretBytes plaintext) {
    try {
      Cipher cipher = init(Cipher.ENCRYPT_MODE, key, nonce, associatedData);
      return plaintext.use(p -> doFinal(cipher, p));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM encryption unavailable: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decrypts and authenticates; the caller closes the returned plaintext.
   *
   * @throws AEADBadTagException if the key, nonce, associated data or ciphertext do not match
   */
  public static SecretBytes decrypt(SecretBytes key, byte[] nonce, byte[] associatedData, byte[] ciphertext)
      throws AEADBadTagException {
    Cipher cipher;
    try {
      cipher = init(Cipher.DECRYPT_MODE, key, nonce, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM decryption unavailable: " + e.getClass().getSimpleName(), e);
    }
    try {
      return SecretBytes.takeOwnership(cipher.doFinal(ciphertext));
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM decryption failed: " + e.getClass().getSimpleName(), e);
    }
  }

  private static Cipher init(int mode, SecretBytes key, byte[] nonce, byte[] associatedData)
      throws GeneralSecurityException {
    if (key.length() != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256 key must be " + KEY_BYTES + " bytes");
    }
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    byte[] raw = key.copy();
    try {
      cipher.init(mode, new LentKey(raw), new GCMParameterSpec(TAG_BITS, nonce));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    cipher.updateAAD(associatedData);
    return cipher;
  }

  private static byte[] doFinal(Cipher cipher, byte[] input) {
    try {
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM encryption failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** An AES key view over an array we zeroize ourselves (unlike SecretKeySpec's hidden copy). */
  private static final class LentKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private final transient byte[] raw;

    LentKey(byte[] raw) {
      this.raw = raw;
    }

    @Override
    public String getAlgorithm() {
      return "AES";
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      return raw.clone();
    }

    @Override
    public String toString() {
      return "<secret>";
    }
  }
}
