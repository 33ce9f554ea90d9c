package dev.custos.core.keys;

import fr.acinq.bitcoin.Base58;
import fr.acinq.bitcoin.Base58Check;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Arrays;

/**
 * A BIP32 extended public key (BIP32 "Public parent key → public child key" and "Serialization
 * format"). Immutable; every instance holds a valid compressed secp256k1 point, a depth of 0..255,
 * and, at depth 0, a zero parent fingerprint and child number.
 *
 * <p>Only non-hardened children can be derived. Invalid children (BIP32: I<sub>L</sub> &ge; n or
 * the point at infinity, probability below 2<sup>-127</sup>) are skipped as BIP32 specifies:
 * derivation proceeds with the next index, and {@link #childNumber()} records the index used.
 */
public record ExtendedPublicKey(
    int depth, int parentFingerprint, long childNumber, ByteVector32 chainCode, PublicKey key) {
  private static final int SERIALIZED_LENGTH = 78;
  private static final int MAX_TEXT_LENGTH = 120;
  private static final String BASE58_ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  public ExtendedPublicKey {
    if (depth < 0 || depth > 255) {
      throw new IllegalArgumentException("BIP32 depth must be 0..255, got " + depth);
    }
    if (childNumber < 0 || childNumber > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("BIP32 child number out of range: " + childNumber);
    }
    if (depth == 0 && (parentFingerprint != 0 || childNumber != 0)) {
      throw new IllegalArgumentException(
          "a depth-0 extended key must have parent fingerprint 0 and child number 0");
    }
    if (chainCode == null || key == null) {
      throw new IllegalArgumentException("chain code and key are required");
    }
    if (key.value.size() != 33 || !key.isValid()) {
      throw new IllegalArgumentException("extended public key needs a valid compressed public key");
    }
  }

  /**
   * The non-hardened child at {@code index} (0..2<sup>31</sup>-1), computed with libsecp256k1's
   * {@code pubKeyTweakAdd}.
   *
   * @throws IllegalArgumentException for a hardened or out-of-range index, or depth beyond 255
   */
  public ExtendedPublicKey deriveChild(long index) {
    if (index < 0 || KeyPath.isHardened(index)) {
      throw new IllegalArgumentException(
          "extended public keys derive only non-hardened children, not index " + index);
    }
    if (depth >= 255) {
      throw new IllegalArgumentException("BIP32 depth is at most 255");
    }
    byte[] data = new byte[37];
    System.arraycopy(key.value.toByteArray(), 0, data, 0, 33);
    for (long i = index; !KeyPath.isHardened(i); i++) {
      Bip32Hashes.ser32(i, data, 33);
      byte[] hmac = Bip32Hashes.hmacSha512(chainCode.toByteArray(), data);
      byte[] child;
      try {
        Secp256k1 secp = Secp256k1.get();
        child = secp.pubKeyCompress(secp.pubKeyTweakAdd(key.value.toByteArray(), Arrays.copyOf(hmac, 32)));
      } catch (Secp256k1Exception e) {
        continue;
      }
      return new ExtendedPublicKey(
          depth + 1, fingerprint(), i, new ByteVector32(Arrays.copyOfRange(hmac, 32, 64)), new PublicKey(child));
    }
    throw new IllegalArgumentException("no valid BIP32 child at or after index " + index);
  }

  /**
   * Derives the non-hardened {@code relative} path step by step from this key.
   *
   * @throws IllegalArgumentException if the path has a hardened step
   */
  public ExtendedPublicKey derive(KeyPath relative) {
    ExtendedPublicKey current = this;
    for (long index : relative.indexes()) {
      current = current.deriveChild(index);
    }
    return current;
  }

  /** BIP32 fingerprint of this key: first 4 bytes of HASH160(key), big-endian. */
  public int fingerprint() {
    return Bip32Hashes.fingerprint(key);
  }

  /** Base58Check serialization with {@code network}'s version bytes ({@code xpub} or {@code tpub}). */
  public String encode(Network network) {
    byte[] out = new byte[SERIALIZED_LENGTH - 4];
    out[0] = (byte) depth;
    Bip32Hashes.ser32(parentFingerprint & 0xFFFF_FFFFL, out, 1);
    Bip32Hashes.ser32(childNumber, out, 5);
    System.arraycopy(chainCode.toByteArray(), 0, out, 9, 32);
    System.arraycopy(key.value.toByteArray(), 0, out, 41, 33);
    return Base58Check.encode(network.xpubVersion(), out);
  }

  /**
   * Parses a serialized extended public key with the mainnet ({@code xpub}) or test-network
   * ({@code tpub}) version, checking everything BIP32 asks (checksum, version, depth-0 rules,
   * key prefix, point on the curve).
   *
   * @throws InvalidExtendedKeyException saying what is wrong; the message never contains the text
   */
  public static ExtendedPublicKey parse(String text) throws InvalidExtendedKeyException {
    return decode(text).key();
  }

  /**
   * Like {@link #parse(String)}, and also requires the version bytes of {@code network}.
   *
   * @throws InvalidExtendedKeyException also when the key is for another kind of network, naming
   *     the version found
   */
  public static ExtendedPublicKey parse(String text, Network network) throws InvalidExtendedKeyException {
    Decoded decoded = decode(text);
    if (decoded.version() != network.xpubVersion()) {
      throw new InvalidExtendedKeyException(String.format(
          "extended public key has %s version bytes %08x but the network is %s (expects %08x)",
          decoded.version() == Network.MAINNET.xpubVersion() ? "mainnet (xpub)" : "test-network (tpub)",
          decoded.version(), network.id(), network.xpubVersion()));
    }
    return decoded.key();
  }

  private record Decoded(int version, ExtendedPublicKey key) {}

  private static Decoded decode(String text) throws InvalidExtendedKeyException {
    if (text == null || text.isEmpty()) {
      throw new InvalidExtendedKeyException("extended public key is empty");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new InvalidExtendedKeyException(
          "extended public key is " + text.length() + " characters, expected 111");
    }
    for (int i = 0; i < text.length(); i++) {
      if (BASE58_ALPHABET.indexOf(text.charAt(i)) < 0) {
        throw new InvalidExtendedKeyException(
            "extended public key has a non-Base58 character at position " + (i + 1));
      }
    }
    byte[] raw = Base58.decode(text);
    if (raw.length != SERIALIZED_LENGTH + 4) {
      throw new InvalidExtendedKeyException(
          "extended key decodes to " + raw.length + " bytes, expected " + (SERIALIZED_LENGTH + 4));
    }
    byte[] checksum = Crypto.hash256(raw, 0, SERIALIZED_LENGTH);
    if (!Arrays.equals(checksum, 0, 4, raw, SERIALIZED_LENGTH, SERIALIZED_LENGTH + 4)) {
      Arrays.fill(raw, (byte) 0);
      throw new InvalidExtendedKeyException("extended key Base58Check checksum does not match");
    }
    int version = readInt(raw, 0);
    if (version == Network.MAINNET.xprvVersion() || version == Network.TESTNET.xprvVersion()) {
      Arrays.fill(raw, (byte) 0);
      throw new InvalidExtendedKeyException(
          "this is an extended private key (xprv/tprv); only extended public keys are accepted");
    }
    if (version != Network.MAINNET.xpubVersion() && version != Network.TESTNET.xpubVersion()) {
      throw new InvalidExtendedKeyException(String.format(
          "unknown extended public key version %08x (expected xpub %08x or tpub %08x)",
          version, Network.MAINNET.xpubVersion(), Network.TESTNET.xpubVersion()));
    }
    int depth = raw[4] & 0xFF;
    int parentFingerprint = readInt(raw, 5);
    long childNumber = readInt(raw, 9) & 0xFFFF_FFFFL;
    if (depth == 0 && parentFingerprint != 0) {
      throw new InvalidExtendedKeyException("depth 0 with a non-zero parent fingerprint");
    }
    if (depth == 0 && childNumber != 0) {
      throw new InvalidExtendedKeyException("depth 0 with a non-zero child number");
    }
    byte prefix = raw[45];
    if (prefix != 0x02 && prefix != 0x03) {
      throw new InvalidExtendedKeyException(String.format(
          "key data must be a compressed public key (prefix 02 or 03), found prefix %02x", prefix));
    }
    PublicKey key = new PublicKey(Arrays.copyOfRange(raw, 45, 78));
    if (!key.isValid()) {
      throw new InvalidExtendedKeyException("public key is not a point on secp256k1");
    }
    ByteVector32 chainCode = new ByteVector32(Arrays.copyOfRange(raw, 13, 45));
    return new Decoded(version, new ExtendedPublicKey(depth, parentFingerprint, childNumber, chainCode, key));
  }

  private static int readInt(byte[] b, int offset) {
    return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
        | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
  }
}
