package dev.custos.core.psbt;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Strict parser and canonical writer for Partially Signed Bitcoin Transactions: BIP174 (version
 * 0), BIP370 (version 2) and the BIP371 taproot fields.
 *
 * <p>{@link #parse(byte[])} accepts only well-formed PSBTs: every known field's key data and
 * value are validated (public keys on the curve via libsecp256k1, strict DER and Schnorr
 * signature encodings, key origins, transactions that re-encode to the same bytes, UTXOs that
 * match the outpoint they claim to be, taproot control blocks and trees, hash preimages), the
 * BIP370 inclusion and exclusion rules of each version are enforced, duplicate keys and trailing
 * bytes are rejected, and a declared length never allocates more than the input holds. Any other
 * failure, including a runtime exception inside bitcoin-kmp, becomes a
 * {@link PsbtFormatException} whose message names the location and the field, e.g.
 * {@code input 1: PSBT_IN_WITNESS_UTXO: value is not a valid TxOut}. Unknown and proprietary
 * fields and hash preimages are kept as {@link RawEntry} and written back verbatim.
 *
 * <p>{@link #serialize(Psbt)} writes the canonical form (entries of each map in ascending order
 * of their key bytes), so that {@code parse(serialize(p))} equals {@code p} for every parsed
 * {@code p}.
 */
public final class PsbtCodec {
  private static final String BASE64_PREFIX = "cHNidP8";
  private static final String HEX_PREFIX = "70736274ff";

  private PsbtCodec() {}

  /** Parses a binary PSBT (starting with the magic {@code 70736274ff}). */
  public static Psbt parse(byte[] psbt) throws PsbtFormatException {
    if (psbt == null) {
      throw new PsbtFormatException("no PSBT data");
    }
    try {
      return parseStrict(psbt);
    } catch (RuntimeException e) {
      throw new PsbtFormatException("malformed PSBT (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Writes {@code psbt} in canonical binary form. */
  public static byte[] serialize(Psbt psbt) {
    return PsbtWriter.write(psbt);
  }

  /**
   * Decodes the contents of a PSBT file or paste: binary (starts with the magic), or text in
   * Base64 (BIP174 "Encoding") or hex; whitespace around and inside the text is ignored.
   */
  public static Psbt decode(byte[] fileContents) throws PsbtFormatException {
    if (fileContents == null || fileContents.length == 0) {
      throw new PsbtFormatException("no PSBT data");
    }
    if (startsWithMagic(fileContents)) {
      return parse(fileContents);
    }
    String text = new String(fileContents, StandardCharsets.ISO_8859_1).replaceAll("\\s+", "");
    if (text.startsWith(BASE64_PREFIX)) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new PsbtFormatException("PSBT text is not valid Base64");
      }
      return parse(bytes);
    }
    if (text.regionMatches(true, 0, HEX_PREFIX, 0, HEX_PREFIX.length())) {
      byte[] bytes;
      try {
        bytes = HexFormat.of().parseHex(text);
      } catch (IllegalArgumentException e) {
        throw new PsbtFormatException("PSBT text is not valid hex");
      }
      return parse(bytes);
    }
    throw new PsbtFormatException(
        "not a PSBT: expected binary (magic 70736274ff), Base64 (cHNidP8...) or hex (70736274ff...)");
  }

  /** The BIP174 Base64 text form of {@code psbt}. */
  public static String toBase64(Psbt psbt) {
    return Base64.getEncoder().encodeToString(serialize(psbt));
  }

  private static boolean startsWithMagic(byte[] bytes) {
    return bytes.length >= PsbtWriter.MAGIC.length
        && Arrays.equals(bytes, 0, PsbtWriter.MAGIC.length, PsbtWriter.MAGIC, 0, PsbtWriter.MAGIC.length);
  }

  private static Psbt parseStrict(byte[] bytes) throws PsbtFormatException {
    if (!startsWithMagic(bytes)) {
      throw new PsbtFormatException("not a PSBT: missing magic bytes 70736274ff");
    }
    ByteReader in = new ByteReader(bytes, "PSBT");
    in.readBytes(PsbtWriter.MAGIC.length);

    in.within("global map");
    GlobalMapDecoder.Decoded g =
        GlobalMapDecoder.decode(MapReader.read(in, GlobalMapDecoder.LOCATION, GlobalField::nameOf));
    requireRoomFor(g.inputCount(), "input", in);
    requireRoomFor(g.outputCount(), "output", in);

    Optional<Transaction> tx = g.global().unsignedTx();
    List<PsbtInput> inputs = new ArrayList<>();
    for (int i = 0; i < g.inputCount(); i++) {
      String location = "input " + i;
      in.within(location + " map");
      List<MapEntry> entries = MapReader.read(in, location, InputField::nameOf);
      final int index = i;
      Optional<OutPoint> prevout = tx.map(t -> t.txIn.get(index).outPoint);
      inputs.add(InputMapDecoder.decode(entries, i, g.version(), prevout));
    }
    List<PsbtOutput> outputs = new ArrayList<>();
    for (int i = 0; i < g.outputCount(); i++) {
      String location = "output " + i;
      in.within(location + " map");
      outputs.add(OutputMapDecoder.decode(MapReader.read(in, location, OutputField::nameOf), i, g.version()));
    }
    if (!in.atEnd()) {
      throw new PsbtFormatException(in.remaining() + " trailing bytes after the last map");
    }
    if (g.version() == 2
        && Bip370LockTime.determine(g.global().fallbackLocktime(), inputs).isEmpty()) {
      throw new PsbtFormatException("inputs: no lock time satisfies every input (BIP370 "
          + "Determining Lock Time): some require a time-based and others a height-based lock time");
    }
    return new Psbt(g.version(), g.global(), inputs, outputs);
  }

  private static void requireRoomFor(long maps, String kind, ByteReader in) throws PsbtFormatException {
    if (maps > in.remaining()) {
      throw new PsbtFormatException("global: " + maps + " " + kind + " maps declared but only "
          + in.remaining() + " bytes remain");
    }
  }
}
