package dev.custos.core.frost;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * FROST(secp256k1, SHA-256) for BIP340/Taproot as the ZcashFoundation crate
 * {@code frost-secp256k1-tr} defines it: context string {@code FROST-secp256k1-SHA256-TR-v1} for
 * H1, H3, H4, H5 and HDKG; the challenge is BIP340's {@code int(hash_BIP0340/challenge(bytes(R) ||
 * bytes(P) || m)) mod n} over x-only encodings; the group key and the group commitment are
 * normalized to even y; the signature is the 64-byte BIP340 encoding {@code bytes(R) || bytes(z)},
 * verifiable with any BIP340 verifier against the (even-y) group key.
 *
 * <p>The taproot output-key tweak is applied to the key material beforehand, see
 * {@link TaprootTweak}.
 */
public final class ZfSecp256k1Taproot implements FrostDialect {
  public static final ZfSecp256k1Taproot INSTANCE = new ZfSecp256k1Taproot();

  private static final byte[] CHALLENGE_TAG_HASH =
      HashToField.sha256().digest("BIP0340/challenge".getBytes(StandardCharsets.US_ASCII));

  private ZfSecp256k1Taproot() {}

  @Override
  public String contextString() {
    return "FROST-secp256k1-SHA256-TR-v1";
  }

  @Override
  public Scalar challenge(GroupElement groupCommitment, GroupElement groupKey, byte[] message) {
    MessageDigest h = HashToField.sha256();
    h.update(CHALLENGE_TAG_HASH);
    h.update(CHALLENGE_TAG_HASH);
    h.update(groupCommitment.xOnly());
    h.update(groupKey.xOnly());
    h.update(message);
    return Scalar.reduce(new BigInteger(1, h.digest()));
  }

  @Override
  public boolean normalizesToEvenY() {
    return true;
  }

  @Override
  public byte[] encodeSignature(GroupElement groupCommitment, Scalar z) {
    byte[] out = new byte[64];
    System.arraycopy(groupCommitment.xOnly(), 0, out, 0, 32);
    System.arraycopy(z.encode(), 0, out, 32, 32);
    return out;
  }

  /** BIP340 encoding: R is the even-y point with the given x. */
  @Override
  public FrostSignature decodeSignature(byte[] bytes) throws FrostException {
    if (bytes == null || bytes.length != 64) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "BIP340 signature must be 64 bytes");
    }
    GroupElement r = GroupElement.liftX(Arrays.copyOfRange(bytes, 0, 32));
    Scalar z = Scalar.decode(Arrays.copyOfRange(bytes, 32, 64));
    return new FrostSignature(r, z, bytes);
  }
}
