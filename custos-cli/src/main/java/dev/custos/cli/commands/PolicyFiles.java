package dev.custos.cli.commands;

import dev.custos.cli.CliException;
import dev.custos.core.keys.Network;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.policyfile.PolicyFileException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and validates a policy file for the policy commands. */
public final class PolicyFiles {
  static final long MAX_BYTES = 1024 * 1024;

  private PolicyFiles() {}

  public static PolicyFile read(Path file, Network network) throws CliException {
    String text;
    try {
      if (!Files.isRegularFile(file)) {
        throw CliException.badInput("no such policy file: " + file);
      }
      if (Files.size(file) > MAX_BYTES) {
        throw CliException.badInput(file + ": policy files are limited to 1 MiB");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw CliException.badInput(file + ": not valid UTF-8");
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
    }
    try {
      return PolicyFile.parse(text, file.getFileName().toString(), network);
    } catch (PolicyFileException e) {
      throw CliException.badInput(e.getMessage());
    }
  }
}
