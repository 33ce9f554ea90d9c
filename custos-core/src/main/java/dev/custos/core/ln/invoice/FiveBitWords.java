package dev.custos.core.ln.invoice;

import java.io.ByteArrayOutputStream;

/**
 * Regrouping of BOLT 11's 5-bit values: to bytes (dropping the padding bits of a tagged field, or
 * padding with zero bits for the signed data) and to big-endian unsigned integers.
 */
final class FiveBitWords {
  private FiveBitWords() {}

  /** The bytes the words hold; trailing bits that do not fill a byte are dropped. */
  static byte[] toBytesTruncated(byte[] words, int from, int to) {
    return regroup(words, from, to, false);
  }

  /** The bytes the words hold, the last byte padded with zero bits (BOLT 11 "Data Part"). */
  static byte[] toBytesPadded(byte[] words, int from, int to) {
    return regroup(words, from, to, true);
  }

  /**
   * The big-endian unsigned value of {@code words[from, to)}, or -1 when it does not fit in 63 bits.
   */
  static long toLong(byte[] words, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      if (value > (Long.MAX_VALUE >> 5)) {
        return -1;
      }
      value = (value << 5) | words[i];
    }
    return value;
  }

  private static byte[] regroup(byte[] words, int from, int to, boolean pad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 5 / 8 + 1);
    int acc = 0;
    int bits = 0;
    for (int i = from; i < to; i++) {
      acc = (acc << 5) | words[i];
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out.write((acc >>> bits) & 0xff);
      }
      acc &= (1 << bits) - 1;
    }
    if (pad && bits > 0) {
      out.write((acc << (8 - bits)) & 0xff);
    }
    return out.toByteArray();
  }
}
