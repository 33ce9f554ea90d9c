package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.XonlyPublicKey;

/**
 * Public keys found in PSBT keys and values, checked with libsecp256k1 (secp256k1_ec_pubkey_parse
 * through bitcoin-kmp): compressed keys (33 bytes, 0x02/0x03), uncompressed keys (65 bytes,
 * 0x04; hybrid 0x06/0x07 encodings are rejected) and BIP340 x-only keys (32 bytes).
 */
final class PsbtKeys {
  private PsbtKeys() {}

  static boolean isCompressed(byte[] key) {
    return key.length == 33 && (key[0] == 0x02 || key[0] == 0x03);
  }

  static PublicKey compressed(byte[] key, FieldSite site) throws PsbtFormatException {
    if (!isCompressed(key)) {
      throw site.error("not a compressed public key (" + key.length + " bytes)");
    }
    PublicKey pub = new PublicKey(key);
    if (!pub.isValid()) {
      throw site.error("public key is not a point on secp256k1");
    }
    return pub;
  }

  /** Checks a 65-byte uncompressed key; such keys are kept verbatim (bitcoin-kmp holds 33 only). */
  static void requireValidUncompressed(byte[] key, FieldSite site) throws PsbtFormatException {
    if (key.length != 65 || key[0] != 0x04) {
      throw site.error("not an uncompressed public key");
    }
    if (!Crypto.isPubKeyValid(key)) {
      throw site.error("public key is not a point on secp256k1");
    }
  }

  static XonlyPublicKey xonly(byte[] key, FieldSite site) throws PsbtFormatException {
    if (key.length != 32) {
      throw site.error("x-only public key must be 32 bytes, found " + key.length);
    }
    XonlyPublicKey x = new XonlyPublicKey(new ByteVector32(key));
    if (!x.getPublicKey().isValid()) {
      throw site.error("x-only public key is not a point on secp256k1");
    }
    return x;
  }
}
