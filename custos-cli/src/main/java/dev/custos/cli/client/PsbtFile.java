package dev.custos.cli.client;

import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The PSBT files of the client commands: read as base64 or binary and parsed locally (so a
 * malformed file is exit 2 before any network call), sent binary; written base64, atomically,
 * like the local {@code psbt sign}.
 */
final class PsbtFile {
  static final int MAX_PSBT_BYTES = 16 * 1024 * 1024;

  private PsbtFile() {}

  /** The binary serialization of the PSBT in {@code file}. */
  static byte[] readBinary(Path file) throws CliException {
    try {
      if (!Files.isRegularFile(file)) {
        throw CliException.badInput("no such file: " + file);
      }
      if (Files.size(file) > MAX_PSBT_BYTES) {
        throw CliException.badInput(file + ": larger than " + MAX_PSBT_BYTES + " bytes");
      }
      return PsbtCodec.serialize(PsbtCodec.decode(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
    } catch (PsbtFormatException e) {
      throw CliException.badInput("invalid PSBT in " + file + ": " + e.getMessage());
    }
  }

  /** Writes the binary PSBT {@code psbt} to {@code file} as base64, replacing it atomically. */
  static void writeBase64(Path file, byte[] psbt) throws CliException {
    Psbt parsed;
    try {
      parsed = PsbtCodec.parse(psbt);
    } catch (PsbtFormatException e) {
      throw new CliException(ExitCode.INTERNAL, "the server returned an invalid PSBT: " + e.getMessage());
    }
    Path target = file.toAbsolutePath();
    try {
      Path tmp = Files.createTempFile(target.getParent(), ".custos-psbt-", ".tmp");
      try {
        Files.writeString(tmp, PsbtCodec.toBase64(parsed) + "\n", StandardCharsets.US_ASCII);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + file + ": " + e.getMessage());
    }
  }
}
