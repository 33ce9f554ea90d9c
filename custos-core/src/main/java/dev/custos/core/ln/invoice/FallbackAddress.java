package dev.custos.core.ln.invoice;

import fr.acinq.bitcoin.ByteVector;

/**
 * A BOLT 11 {@code f} field: an on-chain fallback address as a 5-bit version and its bytes —
 * witness version 0..16 with its witness program (2..40 bytes; 20 or 32 for version 0), 17 with a
 * P2PKH public key hash (20 bytes) or 18 with a P2SH script hash (20 bytes). Versions 19..31 are
 * skipped by the reader (see {@link SkippedField}).
 */
public record FallbackAddress(int version, ByteVector program) {
  /** Version of a P2PKH fallback. */
  public static final int P2PKH = 17;
  /** Version of a P2SH fallback. */
  public static final int P2SH = 18;

  public FallbackAddress {
    if (version < 0 || version > P2SH || program == null) {
      throw new IllegalArgumentException("fallback version must be 0..18 with a program, got " + version);
    }
  }

  static FallbackAddress parse(int version, byte[] bytes) throws Bolt11Exception {
    boolean ok = switch (version) {
      case P2PKH, P2SH -> bytes.length == 20;
      case 0 -> bytes.length == 20 || bytes.length == 32;
      default -> bytes.length >= 2 && bytes.length <= 40;
    };
    if (!ok) {
      throw new Bolt11Exception("f (fallback address)", "version " + version + " cannot carry " + bytes.length + " bytes");
    }
    return new FallbackAddress(version, new ByteVector(bytes));
  }
}
