package dev.custos.cli.quickstart;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.Main;
import dev.custos.cli.commands.PassphraseOptions;
import dev.custos.cli.serve.HostPort;
import dev.custos.cli.serve.Serving;
import dev.custos.cli.walkthrough.DemoKeystore;
import dev.custos.cli.walkthrough.ShownCommand;
import dev.custos.core.secret.SecretBytes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos quickstart}: the main job on the embedded defaults, with no manual step. On the
 * first run it creates the regtest demo keystore exactly as {@code custos walkthrough} does
 * ({@link DemoKeystore}: generated passphrase file {@code DIR.passphrase} 0600, mnemonic shown
 * once, demo policy applied); later runs reuse it. Then it serves exactly as {@code custos serve
 * --data-dir DIR --passphrase-file DIR.passphrase} (SQLite store, TLS, first-start macaroons),
 * prints where the TLS certificate and admin macaroon are with a ready-to-paste client and curl
 * line, and runs until SIGINT/SIGTERM. Regtest only: never for real funds.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "The signing server on regtest with embedded defaults: creates a demo keystore on first run, then serves (docs/server.md).")
public final class QuickstartCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "custos-quickstart",
      description = "Keystore directory to create or reuse (default: ${DEFAULT-VALUE}); passphrase in DIR.passphrase.")
  Path dataDir;

  @Option(names = "--rpclisten", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:10019",
      description = "gRPC listen address (default: ${DEFAULT-VALUE}).")
  String rpcListen;

  @Option(names = "--restlisten", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8089",
      description = "REST/JSON gateway listen address (default: ${DEFAULT-VALUE}).")
  String restListen;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = main.context();
    HostPort rpc = HostPort.parse("--rpclisten", rpcListen);
    HostPort rest = HostPort.parse("--restlisten", restListen);
    DemoKeystore demo = DemoKeystore.at(dataDir, null);
    ctx.stdout().println("Custos quickstart (regtest: nothing here touches real funds).");
    boolean exists = demo.exists();
    demo.ensurePassphrase(ctx, "serve it with 'custos serve --data-dir " + demo.dir() + "' and your passphrase option");
    if (exists) {
      ctx.stdout().println("Keystore " + demo.dir() + " already exists: reusing it.");
    } else {
      ShownCommand shown = new ShownCommand(ctx, "quickstart");
      demo.create(shown);
      demo.applyDemoPolicy(shown);
    }
    try (Serving serving = start(ctx, demo, rpc, rest)) {
      ctx.stdout().print(ConnectionHints.of(serving.server(), demo.dir()).text());
      ctx.stdout().flush();
      serving.runUntilStopped();
      return 0;
    }
  }

  /** Starts as {@code serve --passphrase-file DIR.passphrase}; the passphrase is zeroized once started. */
  private static Serving start(CliContext ctx, DemoKeystore demo, HostPort rpc, HostPort rest) throws CliException {
    try (SecretBytes pass = PassphraseOptions.ofFile(demo.passphrase()).resolve(ctx, false)) {
      return Serving.start(ctx, demo.dir(), pass, rpc, rest, List.of());
    }
  }
}
