package dev.custos.cli.commands;

import dev.custos.cli.CliException;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonFormatException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Macaroon files as LND keeps them: the binary v2 encoding, permissions 0600 (a macaroon is a
 * bearer credential). Reading also accepts libmacaroons' v1 base64 text.
 */
public final class MacaroonFiles {
  private static final int MAX_FILE_BYTES = 4 * Macaroon.MAX_ENCODED_BYTES;

  private MacaroonFiles() {}

  public static Macaroon read(Path p) throws CliException {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(p)) {
        throw CliException.badInput("no such macaroon file: " + p);
      }
      if (Files.size(p) > MAX_FILE_BYTES) {
        throw CliException.badInput(p + ": larger than " + MAX_FILE_BYTES + " bytes, not a macaroon");
      }
      bytes = Files.readAllBytes(p);
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
    }
    try {
      return Macaroon.deserialize(bytes);
    } catch (MacaroonFormatException e) {
      throw CliException.badInput("invalid macaroon in " + p + ": " + e.getMessage());
    }
  }

  /** Fails early, before anything is baked, when {@code out} cannot be written. */
  public static void requireWritableTarget(Path out) throws CliException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw CliException.badInput("cannot write " + out + ": no such directory " + parent);
    }
    if (Files.isDirectory(out)) {
      throw CliException.badInput("cannot write " + out + ": it is a directory");
    }
  }

  /** Writes the binary v2 encoding, 0600, replacing {@code out} atomically. */
  public static void write(Path out, Macaroon macaroon) throws CliException {
    requireWritableTarget(out);
    Path target = out.toAbsolutePath();
    try {
      Path tmp = Files.createTempFile(target.getParent(), ".custos-macaroon-", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, macaroon.encode());
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + out + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
