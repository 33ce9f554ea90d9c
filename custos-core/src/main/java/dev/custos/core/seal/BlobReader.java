package dev.custos.core.seal;

import java.util.Arrays;

/** A bounds-checked cursor over an encoded blob; every failure names the field and offset. */
final class BlobReader {
  private final byte[] data;
  private int offset;

  BlobReader(byte[] data) {
    this.data = data;
  }

  byte[] take(int length, String field) throws SealFormatException {
    if (data.length - offset < length) {
      throw new SealFormatException(
          String.format(
              "truncated: %s needs %d bytes at offset %d, only %d left",
              field, length, offset, data.length - offset));
    }
    byte[] out = Arrays.copyOfRange(data, offset, offset + length);
    offset += length;
    return out;
  }

  int u8(String field) throws SealFormatException {
    return take(1, field)[0] & 0xff;
  }

  /** A big-endian unsigned 32-bit integer. */
  long u32(String field) throws SealFormatException {
    byte[] b = take(4, field);
    return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
  }

  void expectEnd() throws SealFormatException {
    if (offset != data.length) {
      throw new SealFormatException(
          String.format("%d trailing bytes after the payload at offset %d", data.length - offset, offset));
    }
  }
}
