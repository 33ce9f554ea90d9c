package dev.custos.core.psbt;

import java.util.Arrays;

/**
 * A bounds-checked cursor over PSBT bytes. Every declared length is compared with the bytes that
 * remain before anything is allocated, and compact sizes must be minimally encoded (BIP174
 * requires it for key types; Bitcoin Core's reader requires it everywhere). Errors are
 * {@link PsbtFormatException}s prefixed with the reader's context, e.g. {@code input 1:
 * PSBT_IN_WITNESS_UTXO: unexpected end of value}.
 */
final class ByteReader {
  private final byte[] data;
  private String context;
  private int position;

  ByteReader(byte[] data, String context) {
    this.data = data;
    this.context = context;
  }

  /** Names what is being read from here on, for error messages (e.g. {@code input 2 map}). */
  void within(String newContext) {
    this.context = newContext;
  }

  int remaining() {
    return data.length - position;
  }

  boolean atEnd() {
    return position == data.length;
  }

  PsbtFormatException error(String reason) {
    return new PsbtFormatException(context + ": " + reason);
  }

  int readUInt8() throws PsbtFormatException {
    require(1);
    return data[position++] & 0xff;
  }

  /** A compact size unsigned integer, minimally encoded, below 2^63. */
  long readCompactSize() throws PsbtFormatException {
    int first = readUInt8();
    long value;
    long minimum;
    switch (first) {
      case 0xfd -> {
        value = readLittleEndian(2);
        minimum = 0xfd;
      }
      case 0xfe -> {
        value = readLittleEndian(4);
        minimum = 0x1_0000L;
      }
      case 0xff -> {
        value = readLittleEndian(8);
        minimum = 0x1_0000_0000L;
      }
      default -> {
        return first;
      }
    }
    if (value < 0) {
      throw error("compact size too large");
    }
    if (value < minimum) {
      throw error("non-minimal compact size encoding of " + value);
    }
    return value;
  }

  byte[] readBytes(long length) throws PsbtFormatException {
    if (length < 0 || length > remaining()) {
      throw error("declared length " + length + " exceeds the " + remaining() + " remaining bytes");
    }
    int start = position;
    position += (int) length;
    return Arrays.copyOfRange(data, start, position);
  }

  byte[] readVarBytes() throws PsbtFormatException {
    return readBytes(readCompactSize());
  }

  long readUInt32() throws PsbtFormatException {
    return readLittleEndian(4);
  }

  long readInt64() throws PsbtFormatException {
    return readLittleEndian(8);
  }

  /** The next 4 bytes as a big-endian int: a BIP32 fingerprint kept in serialized order. */
  int readFingerprint() throws PsbtFormatException {
    require(4);
    int v = ((data[position] & 0xff) << 24) | ((data[position + 1] & 0xff) << 16)
        | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
    position += 4;
    return v;
  }

  void expectEnd() throws PsbtFormatException {
    if (!atEnd()) {
      throw error(remaining() + " unexpected trailing bytes");
    }
  }

  private long readLittleEndian(int width) throws PsbtFormatException {
    require(width);
    long v = 0;
    for (int i = width - 1; i >= 0; i--) {
      v = (v << 8) | (data[position + i] & 0xff);
    }
    position += width;
    return v;
  }

  private void require(int count) throws PsbtFormatException {
    if (remaining() < count) {
      throw error("unexpected end of data");
    }
  }
}
