package dev.custos.core.psbt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A deliberately small, independent reader of the BIP174 map layout used by the tests to compare
 * a vector with its re-serialization entry by entry: it splits a well-formed PSBT into its maps
 * and each map into (key, value) pairs without interpreting any field.
 */
final class RawMaps {
  record Entry(String keyHex, String valueHex) {}

  private RawMaps() {}

  static List<List<Entry>> split(byte[] psbt) {
    int[] pos = {5};
    List<List<Entry>> maps = new ArrayList<>();
    while (pos[0] < psbt.length) {
      List<Entry> map = new ArrayList<>();
      while (true) {
        long keyLength = compactSize(psbt, pos);
        if (keyLength == 0) {
          break;
        }
        byte[] key = Arrays.copyOfRange(psbt, pos[0], pos[0] + (int) keyLength);
        pos[0] += (int) keyLength;
        long valueLength = compactSize(psbt, pos);
        byte[] value = Arrays.copyOfRange(psbt, pos[0], pos[0] + (int) valueLength);
        pos[0] += (int) valueLength;
        map.add(new Entry(HexFormat.of().formatHex(key), HexFormat.of().formatHex(value)));
      }
      maps.add(map);
    }
    return maps;
  }

  /** True when every map lists its keys in strictly ascending unsigned byte order. */
  static boolean keysAscending(List<List<Entry>> maps) {
    for (List<Entry> map : maps) {
      for (int i = 1; i < map.size(); i++) {
        byte[] a = HexFormat.of().parseHex(map.get(i - 1).keyHex());
        byte[] b = HexFormat.of().parseHex(map.get(i).keyHex());
        if (Arrays.compareUnsigned(a, b) >= 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static long compactSize(byte[] b, int[] pos) {
    int first = b[pos[0]++] & 0xff;
    int width = switch (first) {
      case 0xfd -> 2;
      case 0xfe -> 4;
      case 0xff -> 8;
      default -> 0;
    };
    if (width == 0) {
      return first;
    }
    long v = 0;
    for (int i = width - 1; i >= 0; i--) {
      v = (v << 8) | (b[pos[0] + i] & 0xff);
    }
    pos[0] += width;
    return v;
  }
}
