package dev.custos.cli.approval;

import dev.custos.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --signed-text FILE}: the text an approver says it signed, read (UTF-8) only to explain a
 * mismatch with the text the node renders, never to verify a signature.
 */
public final class SignedTextOption {
  @Option(names = "--signed-text", paramLabel = "FILE",
      description = "Optional: the text the approver signed, to explain a mismatch (never used to verify).")
  Path file;

  /** The file's text, or empty without {@code --signed-text}; an unreadable file is bad input naming it. */
  public Optional<String> read() throws CliException {
    if (file == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw CliException.badInput("cannot read --signed-text " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
