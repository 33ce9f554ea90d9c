package dev.custos.core.secret;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Secret material (seeds, private keys, passphrases, data keys).
 *
 * <p>Guarantees: never prints itself ({@link #toString()} is {@code <secret>}), is never a
 * {@link String}, compares in constant time, and is zeroized by {@link #close()}. After close,
 * every accessor throws {@link IllegalStateException}. Use it in try-with-resources.
 *
 * <p>Equality is identity on purpose: use {@link #equalsConstantTime(SecretBytes)}.
 */
public final class SecretBytes implements AutoCloseable {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Takes ownership of {@code bytes}: the caller must not keep or reuse the array. */
  public static SecretBytes takeOwnership(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("secret bytes must not be null");
    }
    return new SecretBytes(bytes);
  }

  /** Copies {@code bytes}; the caller stays responsible for zeroizing its own array. */
  public static SecretBytes copyOf(byte[] bytes) {
    return takeOwnership(bytes.clone());
  }

  /** Copies {@code length} bytes of {@code bytes} from {@code offset}. */
  public static SecretBytes copyOfRange(byte[] bytes, int offset, int length) {
    return takeOwnership(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Fresh random secret of {@code length} bytes from {@code random}. */
  public static SecretBytes random(int length, SecureRandom random) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return takeOwnership(b);
  }

  public int length() {
    checkAlive();
    return bytes.length;
  }

  /**
   * Lends the raw bytes to {@code use}. The function must not keep, return or leak the array;
   * whatever it returns must not be secret unless it is itself wrapped.
   */
  public <T> T use(Function<byte[], T> use) {
    checkAlive();
    return use.apply(bytes);
  }

  /** A copy that the caller must zeroize ({@code Arrays.fill(copy, (byte) 0)}). */
  public byte[] copy() {
    checkAlive();
    return bytes.clone();
  }

  /** A new secret holding bytes {@code [from, to)} of this one. */
  public SecretBytes slice(int from, int to) {
    checkAlive();
    return takeOwnership(Arrays.copyOfRange(bytes, from, to));
  }

  public boolean equalsConstantTime(SecretBytes other) {
    checkAlive();
    other.checkAlive();
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  /** Zeroizes the bytes. Idempotent. */
  @Override
  public void close() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret was already destroyed");
    }
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
