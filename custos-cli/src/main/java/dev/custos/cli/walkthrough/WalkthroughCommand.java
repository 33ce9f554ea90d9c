package dev.custos.cli.walkthrough;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.Main;
import dev.custos.cli.wallet.Keystores;
import dev.custos.service.keystore.Keystore;
import dev.custos.core.psbt.PsbtCodec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos walkthrough}: a guided tour on regtest that runs the real commands, printing each
 * one first: {@code init}, {@code descriptors}, {@code psbt inspect} and {@code psbt sign} on a
 * demonstration PSBT. Re-running it reuses the keystore.
 */
@Command(name = "walkthrough", mixinStandardHelpOptions = true, description = "Guided tour on regtest: create a keystore, show descriptors, inspect and sign a demo PSBT.")
public final class WalkthroughCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "custos-walkthrough",
      description = "Keystore directory to create or reuse (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--passphrase-file", paramLabel = "F",
      description = "Passphrase file; default: DIR.passphrase, generated (0600) on first run.")
  Path passphraseFile;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = main.context();
    DemoKeystore demo = DemoKeystore.at(dataDir, passphraseFile);
    Path dir = demo.dir();
    Path pass = demo.passphrase();
    ShownCommand shown = new ShownCommand(ctx, "walkthrough");
    say(ctx, "Custos walkthrough (regtest: nothing here touches real funds).");
    boolean exists = demo.exists();
    demo.ensurePassphrase(ctx, "pass --passphrase-file");
    if (exists) {
      say(ctx, "1. Keystore " + dir + " already exists: reusing it.");
    } else {
      say(ctx, "1. Create a keystore: a new 24-word seed, sealed with Argon2id + AES-256-GCM under the passphrase.");
      demo.create(shown);
    }
    say(ctx, "2. The descriptors a watch-only wallet (Sparrow, Bitcoin Core) imports to build PSBTs for Custos:");
    shown.run("descriptors", "--data-dir", dir.toString());

    Path unsigned = DemoKeystore.sibling(dir, "-demo.psbt");
    Path signed = DemoKeystore.sibling(dir, "-demo-signed.psbt");
    Keystore ks = Keystores.open(dir);
    DemoKeystore.writeText(unsigned, PsbtCodec.toBase64(DemoPsbt.build(ks.wallet().accounts())) + "\n");
    say(ctx, "3. A watch-only wallet made a PSBT (here: a demo spending two made-up coins): " + unsigned);
    say(ctx, "   Custos explains it before signing; change is verified by derivation, not by labels:");
    shown.run("psbt", "inspect", "--in", unsigned.toString(), "--data-dir", dir.toString());
    say(ctx, "4. Nothing is signed without a policy. Apply one (a demo: " + demo.policy() + "; see docs/policy.md):");
    demo.applyDemoPolicy(shown);
    say(ctx, "   Dry run: would the policy sign this PSBT now, and what budget would remain?");
    shown.run("psbt", "check", "--data-dir", dir.toString(), "--in", unsigned.toString());
    say(ctx, "5. Sign it. The decision and its budget debit are recorded before the signatures leave:");
    shown.run("psbt", "sign", "--data-dir", dir.toString(), "--passphrase-file", pass.toString(),
        "--in", unsigned.toString(), "--out", signed.toString());
    shown.run("psbt", "inspect", "--in", signed.toString(), "--data-dir", dir.toString());
    say(ctx, "6. Every request, decision and signature is in a hash-chained, signed audit log:");
    shown.run("audit", "verify", "--data-dir", dir.toString());
    say(ctx, "Done. The signed PSBT is " + signed + "; a wallet finalizes and broadcasts it.");
    say(ctx, "Next: './custos quickstart' runs the signing server; README.md shows the commands above with your own PSBTs and networks.");
    return 0;
  }

  private static void say(CliContext ctx, String line) {
    ctx.stdout().println(line);
  }
}
