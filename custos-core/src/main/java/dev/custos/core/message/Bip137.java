package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.INVALID;
import static dev.custos.core.message.SignatureRejectedException.Reason.MALFORMED;
import static dev.custos.core.message.SignatureRejectedException.Reason.UNSUPPORTED;

import fr.acinq.bitcoin.BtcSerializer;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.io.ByteArrayOutput;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Legacy "Bitcoin Signed Message" verification (BIP-137): the message hash is
 * {@code SHA256d("\x18Bitcoin Signed Message:\n" || CompactSize(len) || message)}, the signature is
 * base64 of {@code header || r || s} (65 bytes), and the public key is recovered by libsecp256k1
 * ({@code ecdsaRecover}) with {@code recId = (header - 27) & 3}.
 *
 * <p>Header ranges: 27..30 P2PKH uncompressed, 31..34 P2PKH compressed, 35..38 P2SH-P2WPKH, 39..42
 * P2WPKH. For a segwit address the compressed-P2PKH range 31..34 is also accepted (the convention
 * of Electrum, Trezor and Coldcard before 5.1.0); a header naming another script type than the
 * registered address is refused. For a registered public key any header is accepted and the
 * recovered key must be equal. Taproot and x-only keys cannot be proven this way.
 */
public final class Bip137 {
  private static final byte[] PREFIX = "\u0018Bitcoin Signed Message:\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_TEXT = 100;

  private Bip137() {}

  /** The 32-byte digest that is signed: double SHA-256 of the prefixed message. */
  public static byte[] messageHash(byte[] message) {
    ByteArrayOutput out = new ByteArrayOutput();
    out.write(PREFIX, 0, PREFIX.length);
    BtcSerializer.Companion.writeVarint(message.length, out);
    out.write(message, 0, message.length);
    return Crypto.hash256(out.toByteArray());
  }

  /**
   * Verifies {@code signatureBase64} over {@code message} for {@code key}.
   *
   * @throws SignatureRejectedException MALFORMED (base64, length, header range), UNSUPPORTED (a
   *     P2TR address or x-only key), INVALID (no key recovers, or it is not the approver's)
   */
  public static void verify(byte[] message, String signatureBase64, ApproverKey key) throws SignatureRejectedException {
    if (signatureBase64.length() > MAX_TEXT) {
      throw new SignatureRejectedException(MALFORMED, "BIP-137 signature: longer than " + MAX_TEXT + " characters");
    }
    byte[] sig = StrictBase64.decode(signatureBase64, "BIP-137 signature");
    if (sig.length != 65) {
      throw new SignatureRejectedException(MALFORMED, "BIP-137 signature: " + sig.length + " bytes, expected 65");
    }
    int header = sig[0] & 0xff;
    if (header < 27 || header > 42) {
      throw new SignatureRejectedException(MALFORMED, "BIP-137 signature: header byte " + header + " is outside 27..42");
    }
    byte[] recovered = recover(messageHash(message), Arrays.copyOfRange(sig, 1, 65), (header - 27) & 3);
    boolean compressedHeader = header >= 31;
    byte[] pub = compressedHeader ? Secp256k1.Companion.get().pubKeyCompress(recovered) : recovered;
    switch (key) {
      case ApproverKey.CompressedKey k -> {
        if (!Arrays.equals(Secp256k1.Companion.get().pubKeyCompress(recovered), k.bytes().toByteArray())) {
          throw new SignatureRejectedException(INVALID, "BIP-137 signature: the recovered public key is not " + k.id());
        }
      }
      case ApproverKey.XOnlyKey k ->
          throw new SignatureRejectedException(UNSUPPORTED, "BIP-137 cannot prove the x-only key " + k.id() + ": use BIP340");
      case ApproverKey.AddressKey k -> checkAddress(k.address(), header, pub);
    }
  }

  private static void checkAddress(ApproverAddress address, int header, byte[] pub) throws SignatureRejectedException {
    byte[] hash = Crypto.hash160(pub);
    byte[] expected = address.program().toByteArray();
    boolean matches = switch (address.type()) {
      case P2PKH -> {
        requireHeader(header, 27, 34, address);
        yield Arrays.equals(hash, expected);
      }
      case P2SH_P2WPKH -> {
        requireSegwitHeader(header, 35, address);
        byte[] redeem = new byte[22];
        redeem[1] = 0x14;
        System.arraycopy(hash, 0, redeem, 2, 20);
        yield Arrays.equals(Crypto.hash160(redeem), expected);
      }
      case P2WPKH -> {
        requireSegwitHeader(header, 39, address);
        yield Arrays.equals(hash, expected);
      }
      case P2TR -> throw new SignatureRejectedException(UNSUPPORTED,
          "BIP-137 cannot prove the P2TR address " + address.text() + ": use BIP-322");
    };
    if (!matches) {
      throw new SignatureRejectedException(INVALID, "BIP-137 signature: the recovered key does not belong to " + address.text());
    }
  }

  private static void requireSegwitHeader(int header, int from, ApproverAddress address) throws SignatureRejectedException {
    if (!(header >= 31 && header <= 34) && !(header >= from && header <= from + 3)) {
      throw new SignatureRejectedException(INVALID, "BIP-137 signature: header " + header + " does not name " + address.type()
          + " (expected " + from + ".." + (from + 3) + " or 31..34) for " + address.text());
    }
  }

  private static void requireHeader(int header, int from, int to, ApproverAddress address) throws SignatureRejectedException {
    if (header < from || header > to) {
      throw new SignatureRejectedException(INVALID, "BIP-137 signature: header " + header + " does not name " + address.type()
          + " (expected " + from + ".." + to + ") for " + address.text());
    }
  }

  private static byte[] recover(byte[] digest, byte[] compact, int recId) throws SignatureRejectedException {
    try {
      return Secp256k1.Companion.get().ecdsaRecover(compact, digest, recId);
    } catch (RuntimeException e) {
      throw new SignatureRejectedException(INVALID, "BIP-137 signature: no public key recovers from it (r or s out of range, or not a signature of this message)");
    }
  }
}
