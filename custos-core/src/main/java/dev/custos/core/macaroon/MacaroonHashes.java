package dev.custos.core.macaroon;

import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The HMAC-SHA256 chain shared by libmacaroons and go-macaroon (gopkg.in/macaroon.v2, which LND
 * uses): key derivation, one-input and two-input keyed hashes, and binding a discharge to the
 * macaroon it discharges.
 */
final class MacaroonHashes {
  static final int HASH_BYTES = 32;

  /** {@code "macaroons-key-generator"} zero-padded to 32 bytes, as libmacaroons' genkey. */
  private static final byte[] KEY_GENERATOR = Arrays.copyOf(
      "macaroons-key-generator".getBytes(StandardCharsets.US_ASCII), HASH_BYTES);

  private static final byte[] ZERO_KEY = new byte[HASH_BYTES];

  private MacaroonHashes() {}

  /** HMAC-SHA256(key = "macaroons-key-generator" padded to 32 bytes, message = root key). */
  static SecretBytes deriveKey(SecretBytes rootKey) {
    return SecretBytes.takeOwnership(rootKey.use(k -> hmac(KEY_GENERATOR, k)));
  }

  static byte[] hmac(byte[] key, byte[] data) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[HASH_BYTES];
    mac.doFinal(out, 0);
    mac.reset();
    return out;
  }

  /** HMAC(key, HMAC(key, d1) || HMAC(key, d2)): the third-party caveat step and the binding. */
  static byte[] hmac2(byte[] key, byte[] d1, byte[] d2) {
    byte[] both = new byte[2 * HASH_BYTES];
    System.arraycopy(hmac(key, d1), 0, both, 0, HASH_BYTES);
    System.arraycopy(hmac(key, d2), 0, both, HASH_BYTES, HASH_BYTES);
    return hmac(key, both);
  }

  /**
   * Binds a discharge signature to the signature of the macaroon it is used with: go-macaroon's
   * {@code bindForRequest} (HMAC2 under an all-zero key, the same as libmacaroons'
   * {@code macaroon_bind}); a discharge whose signature already equals the root's is unchanged.
   */
  static byte[] bind(byte[] rootSignature, byte[] dischargeSignature) {
    if (MessageDigest.isEqual(rootSignature, dischargeSignature)) {
      return dischargeSignature.clone();
    }
    return hmac2(ZERO_KEY, rootSignature, dischargeSignature);
  }
}
