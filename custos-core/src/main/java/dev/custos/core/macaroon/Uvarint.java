package dev.custos.core.macaroon;

import java.io.ByteArrayOutputStream;

/**
 * Unsigned LEB128 varints as Go's {@code encoding/binary} Uvarint and protobuf write them, limited
 * to values below 2^31 (go-macaroon's bound). Reading accepts only the minimal encoding, so every
 * value has exactly one byte form.
 */
final class Uvarint {
  private static final int MAX_BYTES = 5;

  private Uvarint() {}

  static void write(ByteArrayOutputStream out, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("varint value must not be negative");
    }
    int v = value;
    while (v >= 0x80) {
      out.write((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  /** Returns {value, next offset}. */
  static long[] read(byte[] data, int offset, String what) throws MacaroonFormatException {
    long value = 0;
    int pos = offset;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (pos >= data.length) {
        throw new MacaroonFormatException(what + ": varint extends past the end of the input");
      }
      int b = data[pos++] & 0xff;
      value |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new MacaroonFormatException(what + ": varint is not minimally encoded");
        }
        if (value > Integer.MAX_VALUE) {
          throw new MacaroonFormatException(what + ": varint value out of range");
        }
        return new long[] {value, pos};
      }
    }
    throw new MacaroonFormatException(what + ": varint value out of range");
  }
}
