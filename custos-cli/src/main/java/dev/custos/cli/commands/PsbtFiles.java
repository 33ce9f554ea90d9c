package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading and writing PSBT files; {@code -} is stdin or stdout. */
public final class PsbtFiles {
  /** Larger inputs are refused before parsing (a PSBT for a 400 kWU transaction is far smaller). */
  static final int MAX_PSBT_BYTES = 16 * 1024 * 1024;

  private PsbtFiles() {}

  public static Psbt read(CliContext ctx, String in) throws CliException {
    byte[] bytes;
    try {
      bytes = in.equals("-") ? ctx.stdin().readNBytes(MAX_PSBT_BYTES + 1) : readFile(Path.of(in));
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + in + ": " + e.getMessage());
    }
    if (bytes.length > MAX_PSBT_BYTES) {
      throw CliException.badInput(in + ": larger than " + MAX_PSBT_BYTES + " bytes");
    }
    try {
      return PsbtCodec.decode(bytes);
    } catch (PsbtFormatException e) {
      throw CliException.badInput("invalid PSBT in " + (in.equals("-") ? "stdin" : in) + ": " + e.getMessage());
    }
  }

  private static byte[] readFile(Path p) throws IOException, CliException {
    if (!Files.isRegularFile(p)) {
      throw CliException.badInput("no such file: " + p);
    }
    if (Files.size(p) > MAX_PSBT_BYTES) {
      throw CliException.badInput(p + ": larger than " + MAX_PSBT_BYTES + " bytes");
    }
    return Files.readAllBytes(p);
  }

  /** Writes base64; a file is replaced atomically so readers never see half a PSBT. */
  public static void writeBase64(CliContext ctx, String out, Psbt psbt) throws CliException {
    byte[] text = (PsbtCodec.toBase64(psbt) + "\n").getBytes(StandardCharsets.US_ASCII);
    if (out.equals("-")) {
      ctx.stdout().write(text, 0, text.length);
      ctx.stdout().flush();
      return;
    }
    Path target = Path.of(out).toAbsolutePath();
    try {
      Path tmp = Files.createTempFile(target.getParent(), ".custos-psbt-", ".tmp");
      try {
        Files.write(tmp, text);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + out + ": " + e.getMessage());
    }
  }
}
