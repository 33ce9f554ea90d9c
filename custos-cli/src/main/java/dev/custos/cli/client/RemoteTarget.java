package dev.custos.cli.client;

import dev.custos.cli.CliException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where and how a client command connects: host and port, the TLS certificate to trust, the
 * macaroon file and its discharge macaroon files (often none). Resolved from {@link RpcOptions}
 * and an optional data directory; a missing file is a usage error naming the option that would
 * supply it.
 */
public record RemoteTarget(String host, int port, Path tlsCert, Path macaroon, List<Path> discharges) {
  public RemoteTarget {
    discharges = List.copyOf(discharges);
  }

  static RemoteTarget resolve(RpcOptions o, Optional<Path> dataDir) throws CliException {
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
    Path cert = file(o.tlsCertPath, dataDir, "tls.cert", "--tlscertpath");
    Path macaroon = file(o.macaroonPath, dataDir, "admin.macaroon", "--macaroonpath");
    return new RemoteTarget(host, port, cert, macaroon, o.dischargePaths.stream().map(Path::of).toList());
  }

  private static Path file(String explicit, Optional<Path> dataDir, String defaultName, String option) throws CliException {
    if (explicit != null) {
      return Path.of(explicit);
    }
    return dataDir.map(d -> d.resolve(defaultName))
        .orElseThrow(() -> CliException.badInput(option + " or --data-dir is required to find " + defaultName));
  }
}
