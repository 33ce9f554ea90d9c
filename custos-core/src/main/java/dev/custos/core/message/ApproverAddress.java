package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.MALFORMED;
import static dev.custos.core.message.SignatureRejectedException.Reason.UNSUPPORTED;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.Base58Check;
import fr.acinq.bitcoin.Bech32;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OP_1;
import fr.acinq.bitcoin.OP_EQUAL;
import fr.acinq.bitcoin.OP_HASH160;
import fr.acinq.bitcoin.OP_PUSHDATA;
import fr.acinq.bitcoin.Script;
import java.util.List;
import java.util.Locale;

/**
 * A registered approver address: its type, network and witness program or hash (20 bytes, or the
 * 32-byte taproot output key). A P2SH address is taken to be P2SH-P2WPKH (the only P2SH form a
 * single key signs messages for); a P2SH of anything else simply never verifies.
 *
 * @param text the address as registered (bech32 lower-cased)
 */
public record ApproverAddress(AddressType type, Network network, ByteVector program, String text) {
  private static final int MAX_LENGTH = 90;

  public ApproverAddress {
    int expected = type == AddressType.P2TR ? 32 : 20;
    if (program == null || program.size() != expected || network == null || text == null) {
      throw new IllegalArgumentException("approver address: " + type + " needs a " + expected + "-byte program");
    }
  }

  /**
   * Parses a P2PKH, P2SH(-P2WPKH), P2WPKH or P2TR address of {@code network} (testnet and signet
   * share encodings). Strict: the network must match, bech32 must be single-case with the right
   * checksum variant (BIP-350), and P2WSH or future witness versions are refused by name.
   *
   * @throws SignatureRejectedException MALFORMED for bad encodings, UNSUPPORTED for other script types
   */
  public static ApproverAddress parse(String text, Network network) throws SignatureRejectedException {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new SignatureRejectedException(MALFORMED, "address: empty or longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new SignatureRejectedException(MALFORMED, "address: character at index " + i + " is not printable ASCII");
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith(network.bech32Hrp() + "1")) {
      return parseSegwit(text, lower, network);
    }
    if (lower.startsWith("bc1") || lower.startsWith("tb1") || lower.startsWith("bcrt1")) {
      throw new SignatureRejectedException(MALFORMED,
          "address '" + text + "' is not a " + network.id() + " address (expected prefix " + network.bech32Hrp() + "1)");
    }
    return parseBase58(text, network);
  }

  private static ApproverAddress parseSegwit(String text, String lower, Network network) throws SignatureRejectedException {
    if (!text.equals(lower) && !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw new SignatureRejectedException(MALFORMED, "address '" + text + "': bech32 must not mix upper and lower case");
    }
    kotlin.Triple<String, Byte, byte[]> decoded;
    try {
      decoded = Bech32.decodeWitnessAddress(lower);
    } catch (RuntimeException e) {
      throw new SignatureRejectedException(MALFORMED, "address '" + text + "': not valid bech32/bech32m (" + e.getMessage() + ")");
    }
    if (!decoded.getFirst().equals(network.bech32Hrp())) {
      throw new SignatureRejectedException(MALFORMED, "address '" + text + "' is not a " + network.id() + " address");
    }
    int version = decoded.getSecond();
    byte[] program = decoded.getThird();
    if (version == 0 && program.length == 20) {
      return new ApproverAddress(AddressType.P2WPKH, network, new ByteVector(program), lower);
    }
    if (version == 1 && program.length == 32) {
      return new ApproverAddress(AddressType.P2TR, network, new ByteVector(program), lower);
    }
    if (version == 0 && program.length == 32) {
      throw new SignatureRejectedException(UNSUPPORTED, "address '" + text + "' is P2WSH: register a single-key address (P2WPKH or P2TR) or a public key");
    }
    throw new SignatureRejectedException(UNSUPPORTED,
        "address '" + text + "': witness version " + version + " with a " + program.length + "-byte program is not supported");
  }

  private static ApproverAddress parseBase58(String text, Network network) throws SignatureRejectedException {
    kotlin.Pair<Byte, byte[]> decoded;
    try {
      decoded = Base58Check.decode(text);
    } catch (RuntimeException e) {
      throw new SignatureRejectedException(MALFORMED, "address '" + text + "': not valid base58check");
    }
    byte[] hash = decoded.getSecond();
    int version = decoded.getFirst() & 0xff;
    if (hash.length != 20) {
      throw new SignatureRejectedException(MALFORMED, "address '" + text + "': base58 payload is " + hash.length + " bytes, expected 20");
    }
    if (version == network.p2pkhVersion()) {
      return new ApproverAddress(AddressType.P2PKH, network, new ByteVector(hash), text);
    }
    if (version == network.p2shVersion()) {
      return new ApproverAddress(AddressType.P2SH_P2WPKH, network, new ByteVector(hash), text);
    }
    throw new SignatureRejectedException(MALFORMED,
        "address '" + text + "': version byte 0x" + Integer.toHexString(version) + " is not a " + network.id() + " P2PKH or P2SH address");
  }

  /** The output script this address pays to (the BIP-322 {@code message_challenge}). */
  public byte[] scriptPubKey() {
    byte[] p = program.toByteArray();
    return switch (type) {
      case P2PKH -> Script.write(Script.pay2pkh(p));
      case P2SH_P2WPKH -> Script.write(List.of(OP_HASH160.INSTANCE, new OP_PUSHDATA(p), OP_EQUAL.INSTANCE));
      case P2WPKH -> Script.write(Script.pay2wpkh(p));
      case P2TR -> Script.write(List.of(OP_1.INSTANCE, new OP_PUSHDATA(p)));
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
