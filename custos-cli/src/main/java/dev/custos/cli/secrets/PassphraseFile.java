package dev.custos.cli.secrets;

import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --passphrase-file F}: the file's bytes, which must be UTF-8, minus one trailing {@code
 * \n} or {@code \r\n}. Works with pipes too ({@code --passphrase-file <(pass show custos)}). A
 * regular file readable by group or others is accepted with a warning.
 */
final class PassphraseFile {
  static final int MAX_BYTES = 4096;

  private PassphraseFile() {}

  static ResolvedPassphrase read(Path file) throws PassphraseException {
    byte[] buffer = new byte[MAX_BYTES + 1];
    try {
      int length;
      try (InputStream in = Files.newInputStream(file)) {
        length = in.readNBytes(buffer, 0, buffer.length);
      } catch (NoSuchFileException e) {
        throw new PassphraseException("passphrase file " + file + " does not exist");
      } catch (AccessDeniedException e) {
        throw new PassphraseException("passphrase file " + file + " is not readable (permission denied)");
      } catch (IOException e) {
        throw new PassphraseException("cannot read passphrase file " + file + ": " + e.getClass().getSimpleName());
      }
      if (length > MAX_BYTES) {
        throw new PassphraseException(
            "passphrase file " + file + " is larger than " + MAX_BYTES + " bytes; it must hold one line");
      }
      length = withoutTrailingNewline(buffer, length);
      if (length == 0) {
        throw new PassphraseException("passphrase file " + file + " is empty; an empty passphrase is refused");
      }
      requireUtf8(file, buffer, length);
      return new ResolvedPassphrase(SecretBytes.copyOfRange(buffer, 0, length), readableByOthers(file));
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }

  private static int withoutTrailingNewline(byte[] bytes, int length) {
    if (length >= 2 && bytes[length - 2] == '\r' && bytes[length - 1] == '\n') {
      return length - 2;
    }
    if (length >= 1 && bytes[length - 1] == '\n') {
      return length - 1;
    }
    return length;
  }

  private static void requireUtf8(Path file, byte[] bytes, int length) throws PassphraseException {
    CharBuffer chars = CharBuffer.allocate(length);
    try {
      CoderResult result =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, length), chars, true);
      if (result.isError()) {
        result.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new PassphraseException("passphrase file " + file + " is not valid UTF-8");
    } finally {
      Arrays.fill(chars.array(), '\0');
    }
  }

  private static Optional<String> readableByOthers(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        return Optional.of(
            "passphrase file " + file + " is readable by group or others ("
                + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
      }
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.of("cannot check the permissions of passphrase file " + file);
    }
  }
}
