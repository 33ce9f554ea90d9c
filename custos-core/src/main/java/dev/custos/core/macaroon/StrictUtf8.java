package dev.custos.core.macaroon;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes UTF-8 that must be valid (malformed input is an error, never replaced). */
final class StrictUtf8 {
  private StrictUtf8() {}

  static String decode(byte[] b, String what) throws MacaroonFormatException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MacaroonFormatException(what + " is not valid UTF-8");
    }
  }
}
