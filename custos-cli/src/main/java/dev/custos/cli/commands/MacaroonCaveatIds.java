package dev.custos.cli.commands;

import dev.custos.cli.CliException;
import java.nio.charset.StandardCharsets;

/** {@code --caveat-id}: 1 to 1024 bytes of UTF-8 text, without control characters, as given. */
final class MacaroonCaveatIds {
  static final int MAX_BYTES = 1024;

  private MacaroonCaveatIds() {}

  static byte[] bytes(String id) throws CliException {
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > MAX_BYTES || id.chars().anyMatch(Character::isISOControl)) {
      throw CliException.badInput("--caveat-id must be 1 to " + MAX_BYTES + " bytes of text without control characters");
    }
    return b;
  }
}
