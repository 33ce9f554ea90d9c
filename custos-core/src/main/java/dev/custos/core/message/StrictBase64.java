package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.MALFORMED;

import java.util.Base64;

/** RFC 4648 §4 base64 with padding, no whitespace or line breaks, canonical trailing bits. */
final class StrictBase64 {
  private StrictBase64() {}

  static byte[] decode(String text, String what) throws SignatureRejectedException {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new SignatureRejectedException(MALFORMED, what + ": not valid base64 (" + e.getMessage() + ")");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw new SignatureRejectedException(MALFORMED, what + ": base64 is not canonical (padding or trailing bits)");
    }
    return bytes;
  }
}
