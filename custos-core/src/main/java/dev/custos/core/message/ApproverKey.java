package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.MALFORMED;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.secp256k1.Secp256k1;
import java.util.HexFormat;

/**
 * The key an approver registers: a compressed public key, an x-only (BIP340) public key, or a
 * single-key address. It decides which signature formats can prove it:
 *
 * <ul>
 *   <li>{@link CompressedKey}: BIP-137 (any header; the recovered key must equal it) and BIP340
 *       (against its x coordinate);
 *   <li>{@link XOnlyKey}: BIP340 only;
 *   <li>{@link AddressKey}: BIP-322 (simple for P2WPKH/P2TR, full for all four) and BIP-137 for
 *       P2PKH, P2SH-P2WPKH and P2WPKH.
 * </ul>
 *
 * {@link #id()} is the canonical text (lower-case hex or the address) used to name an approver.
 */
public sealed interface ApproverKey {
  /** Canonical text: 66 hex digits, 64 hex digits, or the address. Equal keys have equal ids. */
  String id();

  /** A 33-byte SEC1 compressed public key, a valid curve point. */
  record CompressedKey(ByteVector bytes) implements ApproverKey {
    public CompressedKey {
      if (bytes == null || bytes.size() != 33 || (bytes.get(0) != 2 && bytes.get(0) != 3)) {
        throw new IllegalArgumentException("compressed public key must be 33 bytes starting 02 or 03");
      }
    }

    @Override
    public String id() {
      return bytes.toHex();
    }
  }

  /** A 32-byte BIP340 x-only public key, the x coordinate of a curve point. */
  record XOnlyKey(ByteVector bytes) implements ApproverKey {
    public XOnlyKey {
      if (bytes == null || bytes.size() != 32) {
        throw new IllegalArgumentException("x-only public key must be 32 bytes");
      }
    }

    @Override
    public String id() {
      return bytes.toHex();
    }
  }

  /** A single-key address (see {@link ApproverAddress}). */
  record AddressKey(ApproverAddress address) implements ApproverKey {
    public AddressKey {
      if (address == null) {
        throw new IllegalArgumentException("address must not be null");
      }
    }

    @Override
    public String id() {
      return address.text();
    }
  }

  /**
   * Parses 66 hex digits (compressed key), 64 hex digits (x-only key) or an address of
   * {@code network}. Keys must be points on the curve (checked by libsecp256k1).
   */
  static ApproverKey parse(String text, Network network) throws SignatureRejectedException {
    if (text == null || text.isEmpty()) {
      throw new SignatureRejectedException(MALFORMED, "approver key: empty");
    }
    if ((text.length() == 66 || text.length() == 64) && isHex(text)) {
      byte[] bytes = HexFormat.of().parseHex(text);
      byte[] asCompressed = bytes.length == 33 ? bytes : prepend((byte) 0x02, bytes);
      if (asCompressed[0] != 2 && asCompressed[0] != 3) {
        throw new SignatureRejectedException(MALFORMED, "approver key: a 33-byte public key must start with 02 or 03 (uncompressed keys are not accepted)");
      }
      try {
        Secp256k1.Companion.get().pubkeyParse(asCompressed);
      } catch (RuntimeException e) {
        throw new SignatureRejectedException(MALFORMED, "approver key " + text + " is not a point on secp256k1");
      }
      return bytes.length == 33 ? new CompressedKey(new ByteVector(bytes)) : new XOnlyKey(new ByteVector(bytes));
    }
    return new AddressKey(ApproverAddress.parse(text, network));
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] prepend(byte first, byte[] rest) {
    byte[] r = new byte[rest.length + 1];
    r[0] = first;
    System.arraycopy(rest, 0, r, 1, rest.length);
    return r;
  }
}
