package dev.custos.core.ln.invoice;

import fr.acinq.bitcoin.Bech32;
import java.util.Locale;

/**
 * BIP-173 bech32 decoding without the 90-character limit (BOLT 11 "Encoding Overview": a reader
 * MUST parse bech32 also without the character limit, and MUST fail on a bad checksum). The result
 * is the lower-case human-readable part and the data part as 5-bit values, checksum removed.
 *
 * <p>The checksum and the alphabet are checked by bitcoin-kmp's {@link Bech32#decode} (which has no
 * length limit); this class first names the malformations a user can act on, and refuses the
 * bech32m checksum, which BOLT 11 does not use.
 */
record Bech32Words(String hrp, byte[] words) {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  static Bech32Words decode(String text) throws Bolt11Exception {
    if (text == null || text.isEmpty()) {
      throw new Bolt11Exception("bech32", "the invoice is empty");
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 33 || c > 126) {
        throw new Bolt11Exception("bech32", "character " + (int) c + " at position " + i + " is outside US-ASCII 33..126");
      }
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    if (lower && upper) {
      throw new Bolt11Exception("bech32", "mixed upper and lower case");
    }
    String s = text.toLowerCase(Locale.ROOT);
    int separator = s.lastIndexOf('1');
    if (separator < 1) {
      throw new Bolt11Exception("bech32", "no '1' separator after a non-empty human-readable part");
    }
    if (s.length() - separator - 1 < 6) {
      throw new Bolt11Exception("bech32", "the data part is shorter than the 6-character checksum");
    }
    for (int i = separator + 1; i < s.length(); i++) {
      if (CHARSET.indexOf(s.charAt(i)) < 0) {
        throw new Bolt11Exception("bech32", "character '" + s.charAt(i) + "' at position " + i + " is not in the bech32 alphabet");
      }
    }
    kotlin.Triple<String, Byte[], Bech32.Encoding> decoded;
    try {
      decoded = Bech32.decode(s, false);
    } catch (IllegalArgumentException e) {
      String why = String.valueOf(e.getMessage());
      if (why.startsWith("invalid checksum")) {
        throw new Bolt11Exception("checksum", "the bech32 checksum is wrong");
      }
      throw new Bolt11Exception("bech32", why);
    }
    if (decoded.getThird() != Bech32.Encoding.Bech32) {
      throw new Bolt11Exception("checksum", "the bech32 checksum is wrong (a bech32m checksum)");
    }
    Byte[] boxed = decoded.getSecond();
    byte[] words = new byte[boxed.length];
    for (int i = 0; i < words.length; i++) {
      words[i] = boxed[i];
    }
    return new Bech32Words(decoded.getFirst(), words);
  }
}
