package dev.custos.cli.client;

import dev.custos.cli.CliException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a client command connects and which certificate it trusts, without a macaroon: what
 * {@code custos unlock} needs (a locked server verifies no macaroon), and the first half of a
 * {@link RemoteTarget}. Resolved from {@link RpcOptions} and an optional data directory.
 */
public record RemoteEndpoint(String host, int port, Path tlsCert) {

  static RemoteEndpoint resolve(RpcOptions o, Optional<Path> dataDir) throws CliException {
    String server = o.rpcServer == null ? RpcOptions.DEFAULT_RPCSERVER : o.rpcServer;
    int colon = server.lastIndexOf(':');
    if (colon <= 0 || colon == server.length() - 1) {
      throw CliException.badInput("--rpcserver must be HOST:PORT, got '" + server + "'");
    }
    String host = server.substring(0, colon).replaceAll("^\\[|\\]$", "");
    int port;
    try {
      port = Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw CliException.badInput("--rpcserver port must be a number, got '" + server.substring(colon + 1) + "'");
    }
    if (port < 1 || port > 65535) {
      throw CliException.badInput("--rpcserver port must be 1-65535, got " + port);
    }
    return new RemoteEndpoint(host, port, file(o.tlsCertPath, dataDir, "tls.cert", "--tlscertpath"));
  }

  /** The explicit option, else {@code DATA_DIR/defaultName}; neither is a usage error naming both. */
  static Path file(String explicit, Optional<Path> dataDir, String defaultName, String option) throws CliException {
    if (explicit != null) {
      return Path.of(explicit);
    }
    return dataDir.map(d -> d.resolve(defaultName))
        .orElseThrow(() -> CliException.badInput(option + " or --data-dir is required to find " + defaultName));
  }
}
