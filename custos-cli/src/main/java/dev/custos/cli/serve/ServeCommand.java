package dev.custos.cli.serve;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.Main;
import dev.custos.cli.commands.PassphraseOptions;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.CustosServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos serve}: the gRPC/TLS server (docs/server.md). With {@code --passphrase-file} or
 * {@code --passphrase-env} it unlocks at start; without, it starts locked and waits for {@code
 * custos unlock} (it never prompts: it usually runs unattended). Runs until SIGINT/SIGTERM, then
 * shuts down gracefully (in-flight calls finish).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Custos gRPC server over TLS (docs/server.md).")
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--rpclisten", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:10019",
      description = "gRPC listen address (default: ${DEFAULT-VALUE}).")
  String rpcListen;

  @Option(names = "--restlisten", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8089",
      description = "REST/JSON gateway listen address (default: ${DEFAULT-VALUE}).")
  String restListen;

  @Option(names = "--tlsextradomain", paramLabel = "NAME", description = "Extra DNS name or IP for the generated TLS certificate (repeatable).")
  List<String> extraNames = new ArrayList<>();

  /** Starts the server and zeroizes the passphrase, which is needed during the start only. */
  private Serving startAndForget(CliContext ctx, Optional<SecretBytes> pass, HostPort rpc, HostPort rest) throws CliException {
    try {
      return Serving.start(ctx, dataDir, pass, rpc, rest, extraNames);
    } finally {
      pass.ifPresent(SecretBytes::close);
    }
  }

  @Override
  public Integer call() throws Exception {
    CliContext ctx = main.context();
    HostPort rpc = HostPort.parse("--rpclisten", rpcListen);
    HostPort rest = HostPort.parse("--restlisten", restListen);
    Optional<SecretBytes> pass = passphrase.given() ? Optional.of(passphrase.resolve(ctx, false)) : Optional.empty();
    try (Serving serving = startAndForget(ctx, pass, rpc, rest)) {
      CustosServer server = serving.server();
      ctx.stderr().println("custos: serving gRPC on " + server.address() + " and REST on " + server.restAddress()
          + " (TLS certificate " + server.tlsCertificate() + ")"
          + (pass.isPresent() ? "" : "; locked: run 'custos unlock --rpcserver " + HostPort.text(server.address()) + "'"));
      serving.runUntilStopped();
      return 0;
    }
  }
}
