package dev.custos.core.sign;

import dev.custos.core.keys.KeyPath;
import fr.acinq.bitcoin.PublicKey;

/**
 * The signer's view of a key hierarchy: its master fingerprint, and private keys lent one at a
 * time for the duration of a callback. Implementations zeroize the lent bytes afterwards.
 */
public interface SigningKeys {
  /** BIP32 master key fingerprint, big-endian, as in PSBT key origins. */
  int masterFingerprint();

  /**
   * Derives the key at {@code path} from the master and lends it.
   *
   * @param use must not keep the private key array
   */
  <T> T withPrivateKey(KeyPath path, KeyUse<T> use);

  /** A use of a lent key pair. */
  @FunctionalInterface
  interface KeyUse<T> {
    T apply(PublicKey publicKey, byte[] privateKey32);
  }
}
