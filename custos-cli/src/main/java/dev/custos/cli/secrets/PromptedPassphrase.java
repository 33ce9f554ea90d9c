package dev.custos.cli.secrets;

import dev.custos.core.secret.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The interactive way: read without echo (twice when choosing a new passphrase), encode the
 * characters to UTF-8 in a pre-sized buffer (so no partial copy is left behind by a resize), and
 * zeroize both the characters and the buffer.
 */
final class PromptedPassphrase {
  static final String UNLOCK_PROMPT = "Passphrase: ";
  static final String CHOOSE_PROMPT = "Choose a passphrase: ";
  static final String REPEAT_PROMPT = "Repeat the passphrase: ";

  private PromptedPassphrase() {}

  static ResolvedPassphrase read(PassphrasePrompt prompt, PassphraseSource.Purpose purpose)
      throws PassphraseException {
    return switch (purpose) {
      case UNLOCK -> new ResolvedPassphrase(readOnce(prompt, UNLOCK_PROMPT), Optional.empty());
      case CREATE -> new ResolvedPassphrase(readConfirmed(prompt), Optional.empty());
    };
  }

  private static SecretBytes readConfirmed(PassphrasePrompt prompt) throws PassphraseException {
    SecretBytes first = readOnce(prompt, CHOOSE_PROMPT);
    try (SecretBytes second = readOnce(prompt, REPEAT_PROMPT)) {
      if (!first.equalsConstantTime(second)) {
        throw new PassphraseException("the two passphrases do not match");
      }
      return first;
    } catch (PassphraseException | RuntimeException e) {
      first.close();
      throw e;
    }
  }

  private static SecretBytes readOnce(PassphrasePrompt prompt, String text) throws PassphraseException {
    char[] chars = prompt.readHidden(text);
    if (chars == null) {
      throw new PassphraseException("no passphrase entered (end of input)");
    }
    try {
      if (chars.length == 0) {
        throw new PassphraseException("an empty passphrase is refused");
      }
      return utf8(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** UTF-8 bytes of {@code chars}; the caller zeroizes {@code chars}. */
  static SecretBytes utf8(char[] chars) throws PassphraseException {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(chars.length * (double) encoder.maxBytesPerChar()));
    try {
      CoderResult result = encoder.encode(CharBuffer.wrap(chars), out, true);
      if (!result.isUnderflow()) {
        throw new PassphraseException("the passphrase is not valid Unicode text");
      }
      if (!encoder.flush(out).isUnderflow()) {
        throw new PassphraseException("the passphrase is not valid Unicode text");
      }
      return SecretBytes.copyOfRange(out.array(), 0, out.position());
    } finally {
      Arrays.fill(out.array(), (byte) 0);
    }
  }
}
