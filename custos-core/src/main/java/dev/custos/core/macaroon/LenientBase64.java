package dev.custos.core.macaroon;

import java.util.Base64;

/**
 * Base64 as libmacaroons' {@code b64_pton} and go-macaroon's {@code Base64Decode} accept it: the
 * standard or the URL-safe alphabet, with or without {@code =} padding. Anything else (whitespace,
 * other characters, an impossible length, padding in the middle) is refused.
 */
final class LenientBase64 {
  private LenientBase64() {}

  static byte[] decode(String text) throws MacaroonFormatException {
    String t = text;
    int end = t.length();
    while (end > 0 && t.charAt(end - 1) == '=') {
      end--;
    }
    if (t.length() - end > 2) {
      throw new MacaroonFormatException("base64 has more than two padding characters");
    }
    StringBuilder sb = new StringBuilder(end + 3);
    for (int i = 0; i < end; i++) {
      char c = t.charAt(i);
      if (c == '-') {
        sb.append('+');
      } else if (c == '_') {
        sb.append('/');
      } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
        sb.append(c);
      } else {
        throw new MacaroonFormatException("base64 has an invalid character at offset " + i);
      }
    }
    if (sb.length() % 4 == 1) {
      throw new MacaroonFormatException("base64 length " + sb.length() + " is impossible");
    }
    try {
      return Base64.getDecoder().decode(sb.toString());
    } catch (IllegalArgumentException e) {
      throw new MacaroonFormatException("base64 is malformed");
    }
  }
}
