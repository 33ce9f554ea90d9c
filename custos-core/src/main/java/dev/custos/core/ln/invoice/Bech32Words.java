package dev.custos.core.ln.invoice;

import java.util.Locale;

/**
 * BIP-173 bech32 decoding without the 90-character limit (BOLT 11 "Encoding Overview": a reader
 * MUST parse bech32 also without the character limit, and MUST fail on a bad checksum). The result
 * is the lower-case human-readable part and the data part as 5-bit values, checksum removed.
 */
record Bech32Words(String hrp, byte[] words) {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

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
    String hrp = s.substring(0, separator);
    byte[] values = new byte[s.length() - separator - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(s.charAt(separator + 1 + i));
      if (v < 0) {
        throw new Bolt11Exception("bech32", "character '" + s.charAt(separator + 1 + i) + "' at position " + (separator + 1 + i)
            + " is not in the bech32 alphabet");
      }
      values[i] = (byte) v;
    }
    if (polymod(hrp, values) != 1) {
      throw new Bolt11Exception("checksum", "the bech32 checksum is wrong");
    }
    byte[] words = new byte[values.length - 6];
    System.arraycopy(values, 0, words, 0, words.length);
    return new Bech32Words(hrp, words);
  }

  private static int polymod(String hrp, byte[] values) {
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) >> 5);
    }
    chk = step(chk, 0);
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) & 31);
    }
    for (byte v : values) {
      chk = step(chk, v);
    }
    return chk;
  }

  private static int step(int chk, int value) {
    int top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        chk ^= GENERATOR[i];
      }
    }
    return chk;
  }
}
