package dev.custos.core.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * A BIP32 derivation path: child indexes from the master key, each an unsigned 32-bit value;
 * hardened indexes have bit 31 set. Printed as {@code m/84'/0'/0'/0/5}; parsing also accepts
 * {@code h} or {@code H} for hardened.
 */
public record KeyPath(List<Long> indexes) {
  public static final long HARDENED = 0x8000_0000L;
  public static final KeyPath MASTER = new KeyPath(List.of());

  public KeyPath {
    indexes = List.copyOf(indexes);
    for (long i : indexes) {
      if (i < 0 || i > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("BIP32 index out of range: " + i);
      }
    }
  }

  public static long hardened(long index) {
    if (index < 0 || index >= HARDENED) {
      throw new IllegalArgumentException("hardened index out of range: " + index);
    }
    return index | HARDENED;
  }

  public static boolean isHardened(long index) {
    return (index & HARDENED) != 0;
  }

  /**
   * Parses {@code m/84'/0'/0'} (the leading {@code m/} is optional).
   *
   * @throws IllegalArgumentException naming the bad element
   */
  public static KeyPath parse(String text) {
    String t = text.trim();
    if (t.equals("m") || t.isEmpty()) {
      return MASTER;
    }
    if (t.startsWith("m/")) {
      t = t.substring(2);
    }
    List<Long> out = new ArrayList<>();
    for (String part : t.split("/", -1)) {
      boolean hard = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
      String digits = hard ? part.substring(0, part.length() - 1) : part;
      if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("invalid key path element '" + part + "' in '" + text + "'");
      }
      long v = Long.parseLong(digits);
      if (v >= HARDENED) {
        throw new IllegalArgumentException("key path element too large: '" + part + "'");
      }
      out.add(hard ? v | HARDENED : v);
    }
    return new KeyPath(out);
  }

  public KeyPath child(long index) {
    List<Long> l = new ArrayList<>(indexes);
    l.add(index);
    return new KeyPath(l);
  }

  public KeyPath append(KeyPath suffix) {
    List<Long> l = new ArrayList<>(indexes);
    l.addAll(suffix.indexes);
    return new KeyPath(l);
  }

  public int depth() {
    return indexes.size();
  }

  /** True when this path starts with {@code prefix}. */
  public boolean startsWith(KeyPath prefix) {
    return indexes.size() >= prefix.indexes.size()
        && indexes.subList(0, prefix.indexes.size()).equals(prefix.indexes);
  }

  /** This path without its first {@code n} elements. */
  public KeyPath dropFirst(int n) {
    return new KeyPath(indexes.subList(n, indexes.size()));
  }

  /** Path elements without the leading {@code m}, e.g. {@code 84'/0'/0'}. */
  public String toStringNoMaster() {
    StringBuilder sb = new StringBuilder();
    for (long i : indexes) {
      if (!sb.isEmpty()) {
        sb.append('/');
      }
      sb.append(i & ~HARDENED);
      if (isHardened(i)) {
        sb.append('\'');
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return indexes.isEmpty() ? "m" : "m/" + toStringNoMaster();
  }
}
