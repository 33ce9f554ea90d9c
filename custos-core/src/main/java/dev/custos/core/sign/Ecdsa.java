package dev.custos.core.sign;

import fr.acinq.secp256k1.Secp256k1;

/**
 * ECDSA signing through libsecp256k1: RFC 6979 deterministic nonces, low-S (libsecp256k1 always
 * normalizes), and low-R grinding as Bitcoin Core does ({@code CKey::Sign}: retry with a 32-byte
 * extra-entropy buffer holding a little-endian counter until R's top bit is clear), which makes
 * signatures at most 71 bytes and fee estimates exact.
 */
final class Ecdsa {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private Ecdsa() {}

  /**
   * Signs a 32-byte digest with a 32-byte private key.
   *
   * @return the DER-encoded signature without sighash byte
   */
  static byte[] signDer(byte[] digest32, byte[] privateKey32) {
    byte[] compact = SECP.sign(digest32, privateKey32, null);
    int counter = 0;
    while ((compact[0] & 0x80) != 0) {
      counter++;
      byte[] extraEntropy = new byte[32];
      extraEntropy[0] = (byte) counter;
      extraEntropy[1] = (byte) (counter >>> 8);
      extraEntropy[2] = (byte) (counter >>> 16);
      extraEntropy[3] = (byte) (counter >>> 24);
      compact = SECP.sign(digest32, privateKey32, extraEntropy);
    }
    return SECP.compact2der(compact);
  }
}
