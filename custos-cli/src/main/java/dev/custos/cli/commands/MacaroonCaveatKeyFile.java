package dev.custos.cli.commands;

import dev.custos.cli.CliException;
import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A third-party caveat key file: exactly {@value #KEY_BYTES} random bytes, mode 0600, shared by
 * the service that adds the caveat ({@code macaroon constrain --third-party}) and the one that
 * discharges it ({@code macaroon discharge}). A secret: read into {@link SecretBytes}, never
 * printed; a file that group or others may read is refused.
 */
final class MacaroonCaveatKeyFile {
  static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private MacaroonCaveatKeyFile() {}

  static SecretBytes read(Path file) throws CliException {
    if (!Files.isRegularFile(file)) {
      throw CliException.badInput("no caveat key file at " + file + " (--caveat-key-file; make one with custos macaroon caveat-key)");
    }
    byte[] buffer = new byte[KEY_BYTES + 1];
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (mode.stream().anyMatch(OTHERS::contains)) {
        throw CliException.badInput("caveat key file " + file + " is accessible to group or others; chmod 600 " + file);
      }
      int length;
      try (InputStream in = Files.newInputStream(file)) {
        length = in.readNBytes(buffer, 0, buffer.length);
      }
      if (length != KEY_BYTES) {
        throw CliException.badInput("caveat key file " + file + " must hold exactly " + KEY_BYTES + " bytes"
            + (length > KEY_BYTES ? " (it is longer)" : " (it holds " + length + ")"));
      }
      return SecretBytes.copyOfRange(buffer, 0, KEY_BYTES);
    } catch (IOException e) {
      throw CliException.badInput("cannot read caveat key file " + file + " (" + e.getClass().getSimpleName() + ")");
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }

  /** Writes a fresh key to {@code out}, created 0600; refuses to replace an existing file. */
  static void create(Path out, SecureRandom random) throws CliException {
    MacaroonFiles.requireWritableTarget(out);
    try {
      Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw CliException.badInput("caveat key file " + out + " already exists; a new key would orphan its caveats, so it is not replaced");
    } catch (IOException e) {
      throw CliException.badInput("cannot create caveat key file " + out + " (" + e.getClass().getSimpleName() + ")");
    }
    byte[] key = new byte[KEY_BYTES];
    try (OutputStream o = Files.newOutputStream(out, StandardOpenOption.WRITE)) {
      random.nextBytes(key);
      o.write(key);
    } catch (IOException e) {
      deleteQuietly(out);
      throw CliException.badInput("cannot write caveat key file " + out + " (" + e.getClass().getSimpleName() + ")");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static void deleteQuietly(Path created) {
    try {
      Files.deleteIfExists(created);
    } catch (IOException ignored) {
      // The write failed first; that is the error reported.
    }
  }
}
