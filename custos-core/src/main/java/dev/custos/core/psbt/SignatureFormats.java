package dev.custos.core.psbt;

import fr.acinq.bitcoin.Crypto;

/**
 * Encodings of signatures in PSBT values: ECDSA as strict DER (BIP66) followed by the sighash
 * byte (PSBT_IN_PARTIAL_SIG), BIP340 Schnorr as 64 bytes or 65 bytes whose last byte is a BIP341
 * sighash type other than SIGHASH_DEFAULT (PSBT_IN_TAP_KEY_SIG, PSBT_IN_TAP_SCRIPT_SIG).
 */
final class SignatureFormats {
  private SignatureFormats() {}

  static void requireEcdsa(byte[] sig, FieldSite site) throws PsbtFormatException {
    if (!Crypto.isDERSignature(sig)) {
      throw site.error("value is not a strict DER signature followed by a sighash byte");
    }
  }

  static void requireSchnorr(byte[] sig, FieldSite site) throws PsbtFormatException {
    if (sig.length != 64 && sig.length != 65) {
      throw site.error("Schnorr signature must be 64 or 65 bytes, found " + sig.length);
    }
    if (sig.length == 65) {
      int hashType = sig[64] & 0xff;
      int base = hashType & 0x7f;
      boolean defined = base >= 1 && base <= 3;
      if (!defined) {
        throw site.error("65-byte Schnorr signature has invalid sighash type 0x" + Integer.toHexString(hashType));
      }
    }
  }
}
