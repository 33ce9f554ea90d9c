package dev.custos.core.ln.invoice;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.ByteVector64;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The BOLT 11 reader behind {@link Bolt11Invoice#decode(String)}.
 *
 * <p>It fails where the specification says a reader MUST fail: a bad bech32 string or checksum,
 * an unknown prefix, a malformed amount or multiplier, a {@code p} amount that is a fraction of a
 * millisatoshi, an unknown even feature bit, a feature without its dependency, and a signature that
 * is not valid (checked with libsecp256k1: {@code verify} against the {@code n} field when it is
 * present, otherwise {@code ecdsaRecover}). It also refuses, because a signer must not guess which
 * terms were meant: a missing {@code p} field; more than one {@code p}, {@code s}, {@code d},
 * {@code h}, {@code n}, {@code x}, {@code c}, {@code 9} or {@code m} field of the right length;
 * neither or both of {@code d} and {@code h}; a {@code d} that is not UTF-8; an {@code n} that is
 * not a valid public key; an {@code r} field that is not whole 51-byte hops; an {@code f} field of
 * a known version with a program of the wrong length; {@code x} or {@code c} beyond 63 bits.
 * Everything else unknown is skipped and kept.
 */
final class Bolt11Decoder {
  private static final int TIMESTAMP_WORDS = 7;
  private static final int SIGNATURE_WORDS = 104;

  private Bolt11Decoder() {}

  static Bolt11Invoice decode(String text) throws Bolt11Exception {
    Bech32Words bech32 = Bech32Words.decode(text);
    HumanReadablePart hrp = HumanReadablePart.parse(bech32.hrp());
    byte[] words = bech32.words();
    if (words.length < TIMESTAMP_WORDS + SIGNATURE_WORDS) {
      throw new Bolt11Exception("data", words.length + " data characters are too few for a timestamp and a signature ("
          + (TIMESTAMP_WORDS + SIGNATURE_WORDS) + ")");
    }
    int end = words.length - SIGNATURE_WORDS;
    Fields f = new Fields();
    int i = TIMESTAMP_WORDS;
    while (i < end) {
      if (end - i < 3) {
        throw new Bolt11Exception("tagged field", "at data character " + i + " a field header is cut off by the signature");
      }
      int type = words[i];
      int length = words[i + 1] * 32 + words[i + 2];
      int from = i + 3;
      int to = from + length;
      if (to > end) {
        throw new Bolt11Exception("tagged field", "type " + SkippedField.letter(type) + " at data character "
            + i + " has data_length " + length + " but only " + (end - from) + " characters remain before the signature");
      }
      f.read(type, words, from, to);
      i = to;
    }
    if (f.paymentHash == null) {
      throw new Bolt11Exception("p (payment hash)", "missing (no p field of data_length 52)");
    }
    if ((f.description == null) == (f.descriptionHash == null)) {
      throw new Bolt11Exception("d (description)", f.description == null
          ? "neither a d nor an h field is present" : "both a d and an h field are present");
    }
    byte[] signature = FiveBitWords.toBytesTruncated(words, end, words.length);
    int recoveryId = signature[64];
    if (recoveryId < 0 || recoveryId > 3) {
      throw new Bolt11Exception("signature", "recovery id " + recoveryId + " is not 0..3");
    }
    byte[] compact = new byte[64];
    System.arraycopy(signature, 0, compact, 0, 64);
    byte[] hrpBytes = bech32.hrp().getBytes(StandardCharsets.UTF_8);
    byte[] data = FiveBitWords.toBytesPadded(words, 0, end);
    byte[] digest = Crypto.sha256(ByteBuffer.allocate(hrpBytes.length + data.length).put(hrpBytes).put(data).array());
    PublicKey payee = f.payee != null ? verified(compact, digest, f.payee) : recovered(compact, digest, recoveryId);
    return new Bolt11Invoice(text.toLowerCase(Locale.ROOT),
        hrp.network(), hrp.amountMsat(), Instant.ofEpochSecond(FiveBitWords.toLong(words, 0, TIMESTAMP_WORDS)), f.paymentHash,
        Optional.ofNullable(f.paymentSecret), Optional.ofNullable(f.description), Optional.ofNullable(f.descriptionHash), payee,
        f.payee != null, f.expiry, f.minFinalCltv, f.fallbacks, f.routeHints, f.features, Optional.ofNullable(f.metadata), f.skipped,
        new ByteVector64(compact), recoveryId);
  }

  private static PublicKey verified(byte[] compact, byte[] digest, PublicKey payee) throws Bolt11Exception {
    boolean valid;
    try {
      Secp256k1 secp = Secp256k1.Companion.get();
      valid = secp.verify(secp.signatureNormalize(compact).getFirst(), digest, payee.value.toByteArray());
    } catch (RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new Bolt11Exception("signature", "does not verify against the payee node id (n) " + payee.toHex());
    }
    return payee;
  }

  private static PublicKey recovered(byte[] compact, byte[] digest, int recoveryId) throws Bolt11Exception {
    try {
      Secp256k1 secp = Secp256k1.Companion.get();
      return new PublicKey(secp.pubKeyCompress(secp.ecdsaRecover(compact, digest, recoveryId)));
    } catch (RuntimeException e) {
      throw new Bolt11Exception("signature", "no public key recovers from it (r or s out of range, or not a signature)");
    }
  }

  /** The tagged fields read so far. */
  private static final class Fields {
    ByteVector32 paymentHash;
    ByteVector32 paymentSecret;
    String description;
    ByteVector32 descriptionHash;
    PublicKey payee;
    long expiry = Bolt11Invoice.DEFAULT_EXPIRY_SECONDS;
    long minFinalCltv = Bolt11Invoice.DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA;
    InvoiceFeatures features = InvoiceFeatures.NONE;
    ByteVector metadata;
    final List<FallbackAddress> fallbacks = new ArrayList<>();
    final List<List<RouteHintHop>> routeHints = new ArrayList<>();
    final List<SkippedField> skipped = new ArrayList<>();
    private final Set<Integer> seen = new HashSet<>();

    void read(int type, byte[] words, int from, int to) throws Bolt11Exception {
      int length = to - from;
      switch (type) {
        case 1 -> {
          if (length != 52) {
            skip(type, words, from, to);
            return;
          }
          once(type, "p (payment hash)");
          paymentHash = new ByteVector32(FiveBitWords.toBytesTruncated(words, from, to));
        }
        case 16 -> {
          if (length != 52) {
            skip(type, words, from, to);
            return;
          }
          once(type, "s (payment secret)");
          paymentSecret = new ByteVector32(FiveBitWords.toBytesTruncated(words, from, to));
        }
        case 23 -> {
          if (length != 52) {
            skip(type, words, from, to);
            return;
          }
          once(type, "h (description hash)");
          descriptionHash = new ByteVector32(FiveBitWords.toBytesTruncated(words, from, to));
        }
        case 19 -> {
          if (length != 53) {
            skip(type, words, from, to);
            return;
          }
          once(type, "n (payee node id)");
          payee = publicKey(FiveBitWords.toBytesTruncated(words, from, to), "n (payee node id)");
        }
        case 13 -> {
          once(type, "d (description)");
          description = utf8(FiveBitWords.toBytesTruncated(words, from, to));
        }
        case 6 -> {
          once(type, "x (expiry)");
          expiry = number(words, from, to, "x (expiry)");
        }
        case 24 -> {
          once(type, "c (min_final_cltv_expiry_delta)");
          minFinalCltv = number(words, from, to, "c (min_final_cltv_expiry_delta)");
        }
        case 5 -> {
          once(type, "9 (features)");
          features = InvoiceFeatures.parse(words, from, to);
        }
        case 27 -> {
          once(type, "m (metadata)");
          metadata = new ByteVector(FiveBitWords.toBytesTruncated(words, from, to));
        }
        case 9 -> {
          if (length < 1 || words[from] > FallbackAddress.P2SH) {
            skip(type, words, from, to);
            return;
          }
          fallbacks.add(FallbackAddress.parse(words[from], FiveBitWords.toBytesTruncated(words, from + 1, to)));
        }
        case 3 -> routeHints.add(route(FiveBitWords.toBytesTruncated(words, from, to)));
        default -> skip(type, words, from, to);
      }
    }

    private void once(int type, String name) throws Bolt11Exception {
      if (!seen.add(type)) {
        throw new Bolt11Exception(name, "appears more than once");
      }
    }

    private void skip(int type, byte[] words, int from, int to) {
      byte[] copy = new byte[to - from];
      System.arraycopy(words, from, copy, 0, copy.length);
      skipped.add(new SkippedField(type, new ByteVector(copy)));
    }

    private static long number(byte[] words, int from, int to, String name) throws Bolt11Exception {
      long value = FiveBitWords.toLong(words, from, to);
      if (value < 0) {
        throw new Bolt11Exception(name, "value does not fit in 63 bits");
      }
      return value;
    }

    private static String utf8(byte[] bytes) throws Bolt11Exception {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        throw new Bolt11Exception("d (description)", "is not valid UTF-8");
      }
    }

    private static PublicKey publicKey(byte[] bytes, String name) throws Bolt11Exception {
      try {
        Secp256k1.Companion.get().pubkeyParse(bytes);
      } catch (RuntimeException e) {
        throw new Bolt11Exception(name, "is not a valid compressed secp256k1 public key");
      }
      return new PublicKey(bytes);
    }

    private static List<RouteHintHop> route(byte[] bytes) throws Bolt11Exception {
      if (bytes.length == 0 || bytes.length % 51 != 0) {
        throw new Bolt11Exception("r (route hint)", bytes.length + " bytes are not a whole number of 51-byte hops");
      }
      List<RouteHintHop> hops = new ArrayList<>();
      ByteBuffer in = ByteBuffer.wrap(bytes);
      while (in.hasRemaining()) {
        byte[] node = new byte[33];
        in.get(node);
        hops.add(new RouteHintHop(publicKey(node, "r (route hint) node id"), in.getLong(), Integer.toUnsignedLong(in.getInt()),
            Integer.toUnsignedLong(in.getInt()), Short.toUnsignedInt(in.getShort())));
      }
      return hops;
    }
  }
}
