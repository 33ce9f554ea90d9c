package dev.custos.core.keys;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A BIP32 extended private key (BIP32 "Master key generation" and "Private parent key → private
 * child key"), always derived from a master key so that it knows its full {@link #path()}.
 *
 * <p>The private key and the chain code are {@link SecretBytes}: never printed, zeroized by
 * {@link #close()}; every accessor except {@link #toString()} throws
 * {@link IllegalStateException} after close. Curve arithmetic is done by libsecp256k1
 * ({@code privKeyTweakAdd}, {@code pubkeyCreate}).
 *
 * <p>Invalid children (BIP32: I<sub>L</sub> &ge; n or a zero key, probability below
 * 2<sup>-127</sup>) are skipped as BIP32 specifies: derivation proceeds with the next index, and
 * {@link #path()} records the index actually used.
 */
public final class ExtendedPrivateKey implements AutoCloseable {
  private static final byte[] MASTER_HMAC_KEY = "Bitcoin seed".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_DEPTH = 255;

  private final SecretBytes privateKey;
  private final SecretBytes chainCode;
  private final PublicKey publicKey;
  private final int parentFingerprint;
  private final KeyPath path;

  private ExtendedPrivateKey(
      SecretBytes privateKey, SecretBytes chainCode, int parentFingerprint, KeyPath path) {
    this(privateKey, chainCode, privateKey.use(ExtendedPrivateKey::publicKeyOf), parentFingerprint, path);
  }

  /** {@code publicKey} must be the public key of {@code privateKey} (a copy of a key reuses its own). */
  private ExtendedPrivateKey(
      SecretBytes privateKey, SecretBytes chainCode, PublicKey publicKey, int parentFingerprint, KeyPath path) {
    this.privateKey = privateKey;
    this.chainCode = chainCode;
    this.publicKey = publicKey;
    this.parentFingerprint = parentFingerprint;
    this.path = path;
  }

  /**
   * The master key of {@code seed} (16 to 64 bytes). The caller keeps ownership of the seed.
   *
   * @throws IllegalArgumentException if the seed length is outside 16..64 bytes, or if the seed
   *     yields an invalid master key (BIP32: then the seed must be discarded)
   */
  public static ExtendedPrivateKey fromSeed(SecretBytes seed) {
    int length = seed.length();
    if (length < 16 || length > 64) {
      throw new IllegalArgumentException("BIP32 seed is 16 to 64 bytes, not " + length);
    }
    byte[] i = seed.use(s -> Bip32Hashes.hmacSha512(MASTER_HMAC_KEY, s));
    SecretBytes key = SecretBytes.copyOfRange(i, 0, 32);
    try {
      if (!key.use(Secp256k1.get()::secKeyVerify)) {
        key.close();
        throw new IllegalArgumentException("seed yields an invalid BIP32 master key; use another seed");
      }
      return new ExtendedPrivateKey(key, SecretBytes.copyOfRange(i, 32, 32), 0, KeyPath.MASTER);
    } finally {
      Arrays.fill(i, (byte) 0);
    }
  }

  /**
   * Derives {@code relative} step by step from this key; the result's {@link #path()} is this
   * key's path followed by {@code relative} (on the master key, the absolute path). An empty path
   * gives an independent copy of this key. The caller closes the result.
   */
  public ExtendedPrivateKey derive(KeyPath relative) {
    ExtendedPrivateKey current = copy();
    for (long index : relative.indexes()) {
      ExtendedPrivateKey next = current.deriveChild(index);
      current.close();
      current = next;
    }
    return current;
  }

  /**
   * The child at {@code index} (hardened when bit 31 is set). The caller closes the result.
   *
   * @throws IllegalArgumentException if {@code index} is outside 0..2<sup>32</sup>-1 or the depth
   *     would exceed 255
   */
  public ExtendedPrivateKey deriveChild(long index) {
    if (index < 0 || index > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("BIP32 index out of range: " + index);
    }
    if (path.depth() >= MAX_DEPTH) {
      throw new IllegalArgumentException("BIP32 depth is at most " + MAX_DEPTH);
    }
    for (long i = index; i <= 0xFFFF_FFFFL && KeyPath.isHardened(i) == KeyPath.isHardened(index); i++) {
      ExtendedPrivateKey child = childOrNull(i);
      if (child != null) {
        return child;
      }
    }
    throw new IllegalArgumentException("no valid BIP32 child at or after index " + index);
  }

  public PublicKey publicKey() {
    checkAlive();
    return publicKey;
  }

  /** BIP32 fingerprint of this key: first 4 bytes of HASH160(public key), big-endian. */
  public int fingerprint() {
    checkAlive();
    return Bip32Hashes.fingerprint(publicKey);
  }

  /** Full path from the master key. */
  public KeyPath path() {
    checkAlive();
    return path;
  }

  public int depth() {
    return path().depth();
  }

  public int parentFingerprint() {
    checkAlive();
    return parentFingerprint;
  }

  /** Index of this key in its parent (0 for the master key). */
  public long childNumber() {
    KeyPath p = path();
    return p.depth() == 0 ? 0 : p.indexes().get(p.depth() - 1);
  }

  /**
   * Lends the 32 raw private-key bytes to {@code use}, which must not keep, return or leak them.
   */
  public <T> T withPrivateKey(Function<byte[], T> use) {
    return privateKey.use(use);
  }

  /** The matching extended public key (BIP32 "N((k, c)) → (K, c)"). */
  public ExtendedPublicKey neuter() {
    return new ExtendedPublicKey(
        depth(), parentFingerprint(), childNumber(), new ByteVector32(chainCode.copy()), publicKey());
  }

  /** Zeroizes the private key and chain code. Idempotent. */
  @Override
  public void close() {
    privateKey.close();
    chainCode.close();
  }

  @Override
  public String toString() {
    return "ExtendedPrivateKey[<secret>, path=" + path + "]";
  }

  /** An independent copy; the public key is the original's, not computed again (an EC multiplication). */
  private ExtendedPrivateKey copy() {
    checkAlive();
    return new ExtendedPrivateKey(
        privateKey.slice(0, 32), chainCode.slice(0, 32), publicKey, parentFingerprint, path);
  }

  private ExtendedPrivateKey childOrNull(long index) {
    byte[] data = new byte[37];
    if (KeyPath.isHardened(index)) {
      privateKey.use(k -> {
        System.arraycopy(k, 0, data, 1, 32);
        return null;
      });
    } else {
      System.arraycopy(publicKey.value.toByteArray(), 0, data, 0, 33);
    }
    Bip32Hashes.ser32(index, data, 33);
    byte[] i = chainCode.use(c -> Bip32Hashes.hmacSha512(c, data));
    byte[] tweak = Arrays.copyOf(i, 32);
    byte[] parentKey = privateKey.copy();
    try {
      byte[] childKey;
      try {
        childKey = Secp256k1.get().privKeyTweakAdd(parentKey, tweak);
      } catch (Secp256k1Exception e) {
        return null;
      }
      return new ExtendedPrivateKey(
          SecretBytes.takeOwnership(childKey), SecretBytes.copyOfRange(i, 32, 32),
          fingerprint(), path.child(index));
    } finally {
      Arrays.fill(data, (byte) 0);
      Arrays.fill(i, (byte) 0);
      Arrays.fill(tweak, (byte) 0);
      Arrays.fill(parentKey, (byte) 0);
    }
  }

  private static PublicKey publicKeyOf(byte[] key) {
    Secp256k1 secp = Secp256k1.get();
    return new PublicKey(secp.pubKeyCompress(secp.pubkeyCreate(key)));
  }

  private void checkAlive() {
    if (privateKey.isDestroyed()) {
      throw new IllegalStateException("extended private key was already closed");
    }
  }
}
