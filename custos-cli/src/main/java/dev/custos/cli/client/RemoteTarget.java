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
    RemoteEndpoint endpoint = RemoteEndpoint.resolve(o, dataDir);
    Path macaroon = RemoteEndpoint.file(o.macaroonPath, dataDir, "admin.macaroon", "--macaroonpath");
    return new RemoteTarget(endpoint.host(), endpoint.port(), endpoint.tlsCert(), macaroon,
        o.dischargePaths.stream().map(Path::of).toList());
  }
}
