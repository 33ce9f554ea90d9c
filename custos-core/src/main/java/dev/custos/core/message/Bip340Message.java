package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.INVALID;
import static dev.custos.core.message.SignatureRejectedException.Reason.MALFORMED;
import static dev.custos.core.message.SignatureRejectedException.Reason.UNSUPPORTED;

import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.secp256k1.Secp256k1;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Raw BIP340 Schnorr signatures over a message, for automated approvers. The signed 32 bytes are
 * {@code sha256_tag("CustosSignedMessage", message)}, i.e. {@code SHA256(SHA256(tag) ||
 * SHA256(tag) || message)} with the message's exact bytes (UTF-8 of the approval text, no length
 * prefix, no terminator). The signature is 64 bytes as 128 hex digits. It is verified by
 * libsecp256k1 {@code verifySchnorr} against the x-only key (for a registered compressed key,
 * its x coordinate). The tag keeps these signatures apart from BIP-322 and from transactions.
 */
public final class Bip340Message {
  /** The BIP340 tag of the signed digest. */
  public static final String TAG = "CustosSignedMessage";

  private Bip340Message() {}

  /** The 32-byte digest a BIP340 approver signs. */
  public static ByteVector32 digest(byte[] message) {
    return Crypto.taggedHash(message, TAG);
  }

  /**
   * Verifies {@code signatureHex} (128 hex digits) over {@code message} for {@code key}.
   *
   * @throws SignatureRejectedException MALFORMED (not 64 bytes of hex), UNSUPPORTED (an address),
   *     INVALID (libsecp256k1 rejects it)
   */
  public static void verify(byte[] message, String signatureHex, ApproverKey key) throws SignatureRejectedException {
    if (signatureHex.length() != 128) {
      throw new SignatureRejectedException(MALFORMED, "BIP340 signature: " + signatureHex.length() + " characters, expected 128 hex digits");
    }
    byte[] sig;
    try {
      sig = HexFormat.of().parseHex(signatureHex);
    } catch (IllegalArgumentException e) {
      throw new SignatureRejectedException(MALFORMED, "BIP340 signature: not hex");
    }
    byte[] xOnly = switch (key) {
      case ApproverKey.XOnlyKey k -> k.bytes().toByteArray();
      case ApproverKey.CompressedKey k -> Arrays.copyOfRange(k.bytes().toByteArray(), 1, 33);
      case ApproverKey.AddressKey k -> throw new SignatureRejectedException(UNSUPPORTED,
          "BIP340 cannot prove the address " + k.id() + ": use BIP-322 or BIP-137, or register the public key");
    };
    boolean ok;
    try {
      ok = Secp256k1.Companion.get().verifySchnorr(sig, digest(message).toByteArray(), xOnly);
    } catch (RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new SignatureRejectedException(INVALID, "BIP340 signature does not verify for " + key.id());
    }
  }
}
