package dev.custos.ldk.adapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the serialization LDK 0.0.106 gives its {@code impl_writeable_tlv_based} structs
 * ({@code CommitmentTransaction}, {@code HolderCommitmentTransaction}, {@code
 * HTLCOutputInCommitment}): a BigSize total length, then TLV records (BigSize type, BigSize length,
 * value) in strictly increasing type order. ldk-java 0.0.106 exposes neither a commitment's HTLC
 * list nor a holder commitment's inner commitment, so the adapter reads them here.
 *
 * <p>Every malformed input (truncation, trailing bytes, non-minimal BigSize, unordered types,
 * lengths past the end) throws {@link IllegalArgumentException} naming the offset.
 */
final class LdkTlv {
  private LdkTlv() {}

  /** The records of one length-prefixed TLV stream that must span exactly {@code data}. */
  static Map<Long, byte[]> records(byte[] data) {
    Cursor c = new Cursor(data);
    long total = c.bigSize();
    if (total != data.length - c.pos) {
      throw new IllegalArgumentException("TLV stream declares " + total + " bytes but " + (data.length - c.pos) + " follow");
    }
    Map<Long, byte[]> out = new LinkedHashMap<>();
    long last = 0;
    boolean first = true;
    while (c.pos < data.length) {
      int at = c.pos;
      long type = c.bigSize();
      if (!first && Long.compareUnsigned(type, last) <= 0) {
        throw new IllegalArgumentException("TLV type " + type + " at offset " + at + " is not above the previous " + last);
      }
      last = type;
      first = false;
      out.put(type, c.bytes(c.bigSize()));
    }
    return out;
  }

  /** Splits a concatenation of length-prefixed TLV streams, each returned with its prefix. */
  static List<byte[]> lengthPrefixedItems(byte[] data) {
    List<byte[]> items = new ArrayList<>();
    Cursor c = new Cursor(data);
    while (c.pos < data.length) {
      int start = c.pos;
      long length = c.bigSize();
      c.bytes(length);
      byte[] item = new byte[c.pos - start];
      System.arraycopy(data, start, item, 0, item.length);
      items.add(item);
    }
    return items;
  }

  private static final class Cursor {
    private final byte[] data;
    private int pos;

    Cursor(byte[] data) {
      this.data = data;
    }

    long bigSize() {
      int at = pos;
      int first = u8();
      long v;
      long min;
      switch (first) {
        case 0xfd -> {
          v = uint(2);
          min = 0xfd;
        }
        case 0xfe -> {
          v = uint(4);
          min = 0x10000;
        }
        case 0xff -> {
          v = uint(8);
          min = 0x100000000L;
        }
        default -> {
          return first;
        }
      }
      if (Long.compareUnsigned(v, min) < 0) {
        throw new IllegalArgumentException("non-minimal BigSize at offset " + at);
      }
      return v;
    }

    byte[] bytes(long length) {
      if (length < 0 || length > data.length - pos) {
        throw new IllegalArgumentException("TLV value of " + Long.toUnsignedString(length) + " bytes at offset " + pos
            + " runs past the end (" + data.length + " bytes)");
      }
      byte[] out = new byte[(int) length];
      System.arraycopy(data, pos, out, 0, out.length);
      pos += out.length;
      return out;
    }

    private int u8() {
      if (pos >= data.length) {
        throw new IllegalArgumentException("truncated BigSize at offset " + pos);
      }
      return data[pos++] & 0xff;
    }

    private long uint(int width) {
      long v = 0;
      for (int i = 0; i < width; i++) {
        v = (v << 8) | u8();
      }
      return v;
    }
  }
}
