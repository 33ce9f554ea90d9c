package dev.custos.core.ln.invoice;

import fr.acinq.bitcoin.ByteVector;

/**
 * A tagged field the reader skipped, kept as it was (BOLT 11 "Tagged Fields", reader: MUST skip
 * unknown fields, an {@code f} field with an unknown version, and {@code p}, {@code h}, {@code s}
 * or {@code n} fields whose {@code data_length} is not 52, 52, 52 or 53). {@code words} holds one
 * 5-bit value per byte, {@code type} is the 5-bit field type.
 */
public record SkippedField(int type, ByteVector words) {
  public SkippedField {
    if (type < 0 || type > 31 || words == null) {
      throw new IllegalArgumentException("a tagged field type is 0..31, got " + type);
    }
  }

  /** The bech32 character of the field type ({@code p} for 1, {@code 9} for 5...). */
  public char letter() {
    return letter(type);
  }

  static char letter(int type) {
    return "qpzry9x8gf2tvdw0s3jn54khce6mua7l".charAt(type);
  }
}
