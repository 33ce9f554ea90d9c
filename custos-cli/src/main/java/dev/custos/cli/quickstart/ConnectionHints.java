package dev.custos.cli.quickstart;

import dev.custos.cli.serve.HostPort;
import dev.custos.server.CustosServer;
import java.nio.file.Path;

/**
 * The short block {@code custos quickstart} prints once the server listens: where {@code tls.cert}
 * and {@code admin.macaroon} are, a ready-to-paste {@code ./custos ... getinfo} line and a curl
 * line for the REST gateway (header {@code Grpc-Metadata-macaroon}, as LND's REST proxy). Paths
 * only, never a macaroon's bytes.
 *
 * @param rpc the bound gRPC address as {@code HOST:PORT}
 * @param rest the bound REST address as {@code HOST:PORT}
 */
public record ConnectionHints(String rpc, String rest, Path tlsCert, Path adminMacaroon) {
  public static ConnectionHints of(CustosServer server, Path dataDir) {
    return new ConnectionHints(HostPort.text(server.address()), HostPort.text(server.restAddress()),
        server.tlsCertificate().toAbsolutePath(), dataDir.toAbsolutePath().resolve("admin.macaroon"));
  }

  /** The block, one fact per line, ending with a newline. */
  public String text() {
    return String.join("\n",
        "Serving gRPC on " + rpc + " and REST on https://" + rest + " (regtest). Stop with Ctrl-C.",
        "  TLS certificate: " + tlsCert,
        "  admin macaroon:  " + adminMacaroon,
        "  ./custos --rpcserver " + rpc + " --tlscertpath " + tlsCert + " --macaroonpath " + adminMacaroon + " getinfo",
        "  curl --cacert " + tlsCert + " -H \"Grpc-Metadata-macaroon: $(xxd -p -c 100000 " + adminMacaroon + ")\" https://"
            + rest + "/v1/getinfo",
        "");
  }
}
