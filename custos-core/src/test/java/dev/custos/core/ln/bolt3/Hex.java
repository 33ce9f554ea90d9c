package dev.custos.core.ln.bolt3;

import dev.custos.core.secret.SecretBytes;
import java.util.HexFormat;

/** Hex helpers for vector text: optional {@code 0x}, optional trailing compressed-key {@code 01}. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
  }

  static String of(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** A 32-byte secret written as in Appendix C: 32 bytes plus a trailing {@code 01}. */
  static SecretBytes privateKey(String hex) {
    byte[] b = bytes(hex);
    if (b.length == 33 && b[32] == 1) {
      return SecretBytes.copyOfRange(b, 0, 32);
    }
    return SecretBytes.takeOwnership(b);
  }

  static long number(String s) {
    return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
  }
}
