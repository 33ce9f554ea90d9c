package dev.custos.cli.commands;

import dev.custos.cli.CliException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * A third-party caveat for {@code macaroon constrain}: the discharging service's location (a hint
 * for clients, not signed), the caveat key it shares ({@code --caveat-key-file}, 32 bytes, 0600)
 * and the caveat id it knows the key by. All three or none.
 */
public final class MacaroonThirdPartyOptions {
  @Option(names = "--third-party", required = true, paramLabel = "LOCATION",
      description = "Require a discharge from the service at LOCATION, e.g. https://approver.example (a hint, not signed).")
  String location;

  @Option(names = "--caveat-key-file", required = true, paramLabel = "FILE",
      description = "The caveat key shared with that service (32 bytes, 0600; custos macaroon caveat-key makes one).")
  Path caveatKeyFile;

  @Option(names = "--caveat-id", required = true, paramLabel = "ID",
      description = "The caveat id the discharging service knows the key by (UTF-8 text).")
  String caveatId;

  byte[] caveatIdBytes() throws CliException {
    return MacaroonCaveatIds.bytes(caveatId);
  }
}
