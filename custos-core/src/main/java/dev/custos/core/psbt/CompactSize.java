package dev.custos.core.psbt;

import java.io.ByteArrayOutputStream;

/** Writes Bitcoin compact size unsigned integers in their minimal encoding. */
final class CompactSize {
  private CompactSize() {}

  static void write(ByteArrayOutputStream out, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("compact size must not be negative: " + value);
    }
    if (value < 0xfd) {
      out.write((int) value);
    } else if (value <= 0xffff) {
      out.write(0xfd);
      writeLittleEndian(out, value, 2);
    } else if (value <= 0xffff_ffffL) {
      out.write(0xfe);
      writeLittleEndian(out, value, 4);
    } else {
      out.write(0xff);
      writeLittleEndian(out, value, 8);
    }
  }

  static void writeLittleEndian(ByteArrayOutputStream out, long value, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
