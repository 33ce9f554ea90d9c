package dev.custos.cli.client;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * lncli's connection options, global on {@code custos} and inherited by every subcommand, so both
 * {@code custos --rpcserver H:P getinfo} and {@code custos getinfo --rpcserver H:P} work. Without
 * {@code --tlscertpath}/{@code --macaroonpath} the files come from the client command's
 * {@code --data-dir} ({@code tls.cert}, {@code admin.macaroon}). Each {@code --dischargepath} adds
 * one discharge macaroon for a third-party caveat of the macaroon (docs/macaroons.md).
 */
public final class RpcOptions {
  public static final String DEFAULT_RPCSERVER = "127.0.0.1:10019";

  @Option(names = "--rpcserver", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
      description = "Server to talk to (client commands; default " + DEFAULT_RPCSERVER + ").")
  String rpcServer;

  @Option(names = "--tlscertpath", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "The server's TLS certificate (client commands; default DATA_DIR/tls.cert).")
  String tlsCertPath;

  @Option(names = "--macaroonpath", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Macaroon to authenticate with (client commands; default DATA_DIR/admin.macaroon).")
  String macaroonPath;

  @Option(names = "--dischargepath", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "A discharge macaroon for a third-party caveat of the macaroon, bound to it (repeatable; client commands).")
  List<String> dischargePaths = new ArrayList<>();
}
