package dev.custos.core.sign;

import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * BIP340 Schnorr signing through libsecp256k1, with fresh 32-byte auxiliary randomness for every
 * signature (BIP340 "default signing" recommendation), and the BIP341 taproot key-path tweak.
 */
final class Schnorr {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private Schnorr() {}

  /** Signs {@code digest32} with the untweaked key (tapscript leaves, BIP342). */
  static byte[] sign(byte[] digest32, byte[] privateKey32, SecureRandom random) {
    byte[] aux = new byte[32];
    random.nextBytes(aux);
    return SECP.signSchnorr(digest32, privateKey32, aux);
  }

  /**
   * Signs for a BIP341 key-path spend: the key is negated if its point has odd y, then tweaked by
   * {@code t = hash_TapTweak(xonly(P) || merkleRoot)} (merkle root omitted for BIP86 key-only
   * outputs). All scalar operations happen in libsecp256k1; intermediate keys are zeroized.
   */
  static byte[] signKeyPath(
      byte[] digest32, byte[] privateKey32, XonlyPublicKey internalKey, Optional<ByteVector32> merkleRoot, SecureRandom random) {
    boolean odd = SECP.pubKeyCompress(SECP.pubkeyCreate(privateKey32))[0] == 0x03;
    byte[] even = odd ? SECP.privKeyNegate(privateKey32) : privateKey32.clone();
    byte[] tweakInput = merkleRoot
        .map(root -> concat(internalKey.value.toByteArray(), root.toByteArray()))
        .orElseGet(() -> internalKey.value.toByteArray());
    byte[] tweak = Crypto.taggedHash(tweakInput, "TapTweak").toByteArray();
    byte[] tweaked = SECP.privKeyTweakAdd(even, tweak);
    try {
      return sign(digest32, tweaked, random);
    } finally {
      Arrays.fill(even, (byte) 0);
      Arrays.fill(tweaked, (byte) 0);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
