package dev.custos.core.macaroon;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305), composed from Bouncy Castle's
 * {@link XSalsa20Engine} and {@link Poly1305}: the first 32 keystream bytes are the one-time
 * Poly1305 key, the rest encrypt; the box is {@code tag(16) || ciphertext}. This is the encryption
 * go-macaroon and libmacaroons use for a third-party caveat's verification id.
 */
final class SecretBox {
  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 24;
  static final int TAG_BYTES = 16;

  private SecretBox() {}

  static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
    XSalsa20Engine stream = stream(key, nonce);
    byte[] polyKey = polyKey(stream);
    byte[] box = new byte[TAG_BYTES + plaintext.length];
    stream.processBytes(plaintext, 0, plaintext.length, box, TAG_BYTES);
    byte[] tag = tag(polyKey, box, TAG_BYTES, plaintext.length);
    System.arraycopy(tag, 0, box, 0, TAG_BYTES);
    Arrays.fill(polyKey, (byte) 0);
    return box;
  }

  /** The plaintext, or empty when the box does not authenticate under key and nonce. */
  static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] box) {
    if (box.length < TAG_BYTES) {
      return Optional.empty();
    }
    XSalsa20Engine stream = stream(key, nonce);
    byte[] polyKey = polyKey(stream);
    int length = box.length - TAG_BYTES;
    byte[] expected = tag(polyKey, box, TAG_BYTES, length);
    Arrays.fill(polyKey, (byte) 0);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(box, 0, TAG_BYTES))) {
      return Optional.empty();
    }
    byte[] plaintext = new byte[length];
    stream.processBytes(box, TAG_BYTES, length, plaintext, 0);
    return Optional.of(plaintext);
  }

  private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
    if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("secretbox needs a 32-byte key and a 24-byte nonce");
    }
    XSalsa20Engine engine = new XSalsa20Engine();
    engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return engine;
  }

  private static byte[] polyKey(XSalsa20Engine stream) {
    byte[] polyKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, polyKey, 0);
    return polyKey;
  }

  private static byte[] tag(byte[] polyKey, byte[] data, int offset, int length) {
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(data, offset, length);
    byte[] tag = new byte[TAG_BYTES];
    poly.doFinal(tag, 0);
    return tag;
  }
}
