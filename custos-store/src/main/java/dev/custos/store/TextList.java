package dev.custos.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The column format of a list of strings (decision tags and reasons, approval tags): netstrings,
 * {@code <UTF-8 byte length>:<text>,} per element, so any text round-trips unambiguously without
 * a JSON library. Frozen: rows written today must decode forever.
 */
final class TextList {
  private TextList() {}

  static String encode(List<String> items) {
    StringBuilder out = new StringBuilder();
    for (String s : items) {
      out.append(s.getBytes(StandardCharsets.UTF_8).length).append(':').append(s).append(',');
    }
    return out.toString();
  }

  /** @throws IllegalArgumentException when {@code column} is not a well-formed list */
  static List<String> decode(String column) {
    byte[] b = column.getBytes(StandardCharsets.UTF_8);
    List<String> items = new ArrayList<>();
    int i = 0;
    while (i < b.length) {
      int colon = i;
      long len = 0;
      while (colon < b.length && b[colon] >= '0' && b[colon] <= '9' && colon - i < 10) {
        len = len * 10 + (b[colon] - '0');
        colon++;
      }
      if (colon == i || colon >= b.length || b[colon] != ':' || len > b.length - colon - 2 || b[colon + 1 + (int) len] != ',') {
        throw new IllegalArgumentException("malformed list at byte " + i);
      }
      items.add(new String(b, colon + 1, (int) len, StandardCharsets.UTF_8));
      i = colon + 2 + (int) len;
    }
    return items;
  }
}
