package dev.custos.cli.cosigner;

import dev.custos.cli.CliException;
import dev.custos.server.tls.TlsIdentity;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options every {@code custos threshold} relay takes ({@code dkg}, {@code refresh},
 * {@code repair}): whose TLS pair the relay presents to the members, and how long each call may
 * take.
 */
final class RelayOptions {
  @Option(names = "--tls-dir", required = true, paramLabel = "DIR",
      description = "A member's cosigner data directory: its TLS pair is the relay's client certificate.")
  Path tlsDir;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Per call (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /** The TLS pair in {@code --tls-dir}, which must exist. */
  TlsIdentity tls() throws CliException {
    return CosignerDirectory.tlsOf(tlsDir);
  }

  Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }
}
