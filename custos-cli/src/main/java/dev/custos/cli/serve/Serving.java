package dev.custos.cli.serve;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.CustosServer;
import dev.custos.server.ServerStartException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts a Custos server on a data directory, unlocked when a passphrase is given, otherwise
 * locked until an Unlock call (docs/server.md). The server itself bakes {@code admin.macaroon},
 * {@code readonly.macaroon} and {@code signer.macaroon} when it unlocks and they are missing, and
 * authenticates every call against the stored, sealed root keys. The caller owns the returned
 * handle and stops it.
 */
public final class Serving implements AutoCloseable {
  private final CustosServer server;

  private Serving(CustosServer server) {
    this.server = server;
  }

  public CustosServer server() {
    return server;
  }

  /** Starts unlocked with {@code passphrase} (used during start only; the caller closes it). */
  public static Serving start(CliContext ctx, Path dataDir, SecretBytes passphrase, HostPort rpc, HostPort rest, List<String> extraNames)
      throws CliException {
    return start(ctx, dataDir, Optional.of(passphrase), rpc, rest, extraNames);
  }

  /** @param passphrase used during start only (the caller closes it); empty: start locked */
  public static Serving start(CliContext ctx, Path dataDir, Optional<SecretBytes> passphrase, HostPort rpc, HostPort rest,
      List<String> extraNames) throws CliException {
    CustosServer.Builder b = CustosServer.builder(dataDir).listen(rpc.host(), rpc.port()).restListen(rest.host(), rest.port())
        .tlsExtraNames(extraNames).env(ctx.env()).clock(ctx.clock()).random(ctx.random());
    passphrase.ifPresent(b::passphrase);
    try {
      return new Serving(b.start());
    } catch (ServerStartException e) {
      throw new CliException(ExitCode.BAD_INPUT, "cannot start the server: " + e.getMessage(), e);
    }
  }

  /**
   * Serves until SIGINT/SIGTERM (a JVM shutdown hook stops the server gracefully: health turns
   * NOT_SERVING, the listener closes, in-flight calls finish within the grace period) or until
   * the server is stopped otherwise.
   */
  public void runUntilStopped() throws InterruptedException {
    Thread hook = new Thread(server::stop, "custos-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    server.awaitTermination();
  }

  @Override
  public void close() {
    server.close();
  }
}
