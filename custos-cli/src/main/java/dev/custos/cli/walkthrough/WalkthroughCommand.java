package dev.custos.cli.walkthrough;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.Main;
import dev.custos.cli.wallet.Keystores;
import dev.custos.service.keystore.Keystore;
import dev.custos.core.psbt.PsbtCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
    Path dir = dataDir.toAbsolutePath().normalize();
    Path pass = passphraseFile != null ? passphraseFile : dir.resolveSibling(dir.getFileName() + ".passphrase");
    boolean exists = Files.exists(dir.resolve(Keystore.WALLET_FILE));
    say(ctx, "Custos walkthrough (regtest: nothing here touches real funds).");
    if (!Files.exists(pass)) {
      if (exists) {
        throw CliException.badInput("keystore " + dir + " exists but its passphrase file " + pass + " does not: pass --passphrase-file");
      }
      generatePassphrase(ctx, pass);
    }
    if (exists) {
      say(ctx, "1. Keystore " + dir + " already exists: reusing it.");
    } else {
      say(ctx, "1. Create a keystore: a new 24-word seed, sealed with Argon2id + AES-256-GCM under the passphrase.");
      run(ctx, "init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-file", pass.toString());
    }
    say(ctx, "2. The descriptors a watch-only wallet (Sparrow, Bitcoin Core) imports to build PSBTs for Custos:");
    run(ctx, "descriptors", "--data-dir", dir.toString());

    Path unsigned = dir.resolveSibling(dir.getFileName() + "-demo.psbt");
    Path signed = dir.resolveSibling(dir.getFileName() + "-demo-signed.psbt");
    Keystore ks = Keystores.open(dir);
    writeText(unsigned, PsbtCodec.toBase64(DemoPsbt.build(ks.wallet().accounts())) + "\n");
    say(ctx, "3. A watch-only wallet made a PSBT (here: a demo spending two made-up coins): " + unsigned);
    say(ctx, "   Custos explains it before signing; change is verified by derivation, not by labels:");
    run(ctx, "psbt", "inspect", "--in", unsigned.toString(), "--data-dir", dir.toString());
    Path policy = dir.resolveSibling(dir.getFileName() + "-policy.yaml");
    if (!Files.exists(policy)) {
      writeText(policy, DEMO_POLICY);
    }
    say(ctx, "4. Nothing is signed without a policy. Apply one (a demo: " + policy + "; see docs/policy.md):");
    run(ctx, "policy", "apply", "--data-dir", dir.toString(), "--file", policy.toString());
    say(ctx, "   Dry run: would the policy sign this PSBT now, and what budget would remain?");
    run(ctx, "psbt", "check", "--data-dir", dir.toString(), "--in", unsigned.toString());
    say(ctx, "5. Sign it. The decision and its budget debit are recorded before the signatures leave:");
    run(ctx, "psbt", "sign", "--data-dir", dir.toString(), "--passphrase-file", pass.toString(),
        "--in", unsigned.toString(), "--out", signed.toString());
    run(ctx, "psbt", "inspect", "--in", signed.toString(), "--data-dir", dir.toString());
    say(ctx, "6. Every request, decision and signature is in a hash-chained, signed audit log:");
    run(ctx, "audit", "verify", "--data-dir", dir.toString());
    say(ctx, "Done. The signed PSBT is " + signed + "; a wallet finalizes and broadcasts it.");
    say(ctx, "Next: see README.md for the commands above with your own PSBTs and networks.");
    return 0;
  }

  /** A demo policy: caps per transaction and per day, a fee cap, approval above 1 BTC. */
  static final String DEMO_POLICY = """
      # Custos demo policy (regtest). Schema and rules: docs/policy.md
      version: 1
      limits:
        max-per-transaction: 1 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 5 BTC, max-count: 100}
      fees:
        max-rate: 100
        max-percent: 2
      approval:
        above-amount: 2 BTC
      """;

  private void run(CliContext ctx, String... args) throws CliException {
    List<String> shown = new ArrayList<>(List.of("$ ./custos"));
    shown.addAll(List.of(args));
    ctx.stdout().println(String.join(" ", shown));
    int code = Main.execute(ctx, args);
    ctx.stdout().println();
    if (code != 0) {
      throw new CliException(code, "walkthrough stopped: '" + args[0] + "' failed with exit code " + code);
    }
  }

  private static void say(CliContext ctx, String line) {
    ctx.stdout().println(line);
  }

  private static void generatePassphrase(CliContext ctx, Path pass) throws CliException {
    byte[] raw = new byte[18];
    ctx.random().nextBytes(raw);
    byte[] text = Base64.getUrlEncoder().withoutPadding().encode(raw);
    try {
      Files.createFile(pass, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(pass, text);
    } catch (IOException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot write passphrase file " + pass + ": " + e.getMessage(), e);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
      java.util.Arrays.fill(text, (byte) 0);
    }
    say(ctx, "   Generated a random keystore passphrase in " + pass + " (0600). For real funds, use your own.");
  }

  private static void writeText(Path p, String text) throws CliException {
    try {
      Files.writeString(p, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
