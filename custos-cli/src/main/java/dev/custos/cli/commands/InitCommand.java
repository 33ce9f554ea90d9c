package dev.custos.cli.commands;

import dev.custos.core.approval.ApproverSet;
import dev.custos.core.audit.AuditType;
import dev.custos.service.approval.ApprovalException;
import dev.custos.service.approval.ApproverSetText;
import dev.custos.service.approval.QuorumService;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.Main;
import dev.custos.cli.node.NodeSession;
import dev.custos.service.audit.AuditTrail;
import dev.custos.cli.wallet.Keystores;
import dev.custos.service.keystore.Keystore;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.InvalidMnemonicException;
import dev.custos.core.keys.Mnemonic;
import dev.custos.core.keys.Network;
import dev.custos.core.seal.Argon2Params;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos init}: creates a keystore from a new 24-word mnemonic (shown once) or restores
 * one from a mnemonic file, seals the seed, and prints the wallet's descriptors.
 */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a keystore: new seed (mnemonic shown once) or restore from a mnemonic file.")
public final class InitCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Directory to create (0700).")
  Path dataDir;

  @Option(names = "--network", required = true, paramLabel = "NET",
      description = "mainnet, testnet, signet or regtest.")
  String network;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--mnemonic-file", paramLabel = "M",
      description = "Restore from the BIP39 mnemonic (English) in this file instead of generating one.")
  Path mnemonicFile;

  @Option(names = "--bip39-passphrase-file", paramLabel = "F",
      description = "Optional BIP39 passphrase (the '25th word') read from this file.")
  Path bip39PassphraseFile;

  @Option(names = "--bip39-passphrase-env", paramLabel = "VAR",
      description = "Optional BIP39 passphrase read from this environment variable.")
  String bip39PassphraseEnv;

  @Option(names = "--admin-key", paramLabel = "KEY",
      description = "An admin's key or address (repeat for each): administrative changes then need --admin-threshold approvals.")
  List<String> adminKeys = List.of();

  @Option(names = "--admin-threshold", paramLabel = "M", description = "Admin approvals needed (with --admin-key).")
  Integer adminThreshold;

  @Option(names = "--approver-key", paramLabel = "KEY",
      description = "A spend approver's key or address (repeat for each); default: the admin set approves spends.")
  List<String> approverKeys = List.of();

  @Option(names = "--approver-threshold", paramLabel = "M", description = "Spend approvals needed (with --approver-key).")
  Integer approverThreshold;

  @Option(names = "--kdf-profile", hidden = true, defaultValue = "calibrated",
      description = "calibrated (default, ~0.5 s) or test (fast, insecure; for automated tests only).")
  String kdfProfile;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = main.context();
    Network net;
    try {
      net = Network.parse(network);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    Optional<ApproverSet> admin = approverSet(adminKeys, adminThreshold, "--admin", net);
    Optional<ApproverSet> spend = approverSet(approverKeys, approverThreshold, "--approver", net);
    if (admin.isEmpty() && spend.isPresent()) {
      throw CliException.badInput("--approver-key needs an admin set (--admin-key): the admin quorum is what may change it later");
    }
    if (Files.exists(dataDir.resolve(Keystore.SEED_FILE))) {
      throw CliException.badInput(dataDir + " already holds a keystore: refusing to overwrite it");
    }
    Argon2Params params = switch (kdfProfile) {
      case "calibrated" -> Argon2Params.calibrate(Duration.ofMillis(500), System::nanoTime);
      case "test" -> {
        ctx.stderr().println("custos: warning: --kdf-profile test makes the passphrase easy to brute-force; never use it for real funds");
        yield Argon2Params.TEST;
      }
      default -> throw CliException.badInput("--kdf-profile must be 'calibrated' or 'test'");
    };
    boolean generated = mnemonicFile == null;
    try (SecretBytes pass = passphrase.resolve(ctx, true);
        Mnemonic mnemonic = generated ? Mnemonic.generate(24, ctx.random()) : readMnemonic();
        SecretBytes bip39Pass = PassphraseOptions.optional(ctx, bip39PassphraseFile, bip39PassphraseEnv, "BIP39 passphrase");
        SecretBytes seed = mnemonic.toSeed(bip39Pass);
        PassphraseSealer sealer = new PassphraseSealer(pass, params, ctx.random())) {
      Keystore ks = Keystores.create(dataDir, net, seed, bip39Pass.length() > 0, sealer, ctx.clock().instant());
      recordInit(ctx, ks, admin, spend);
      if (generated) {
        printMnemonicOnce(ctx, mnemonic);
      }
      ctx.stdout().println("Keystore created in " + ks.path() + " (network " + net.id() + ")");
      ctx.stdout().printf("Master fingerprint: %08x%n", ks.wallet().masterFingerprint());
      ctx.stdout().printf("Argon2id: %d KiB, %d iterations, parallelism %d%n", params.memoryKiB(), params.iterations(), params.parallelism());
      ctx.stdout().println("Audit key (keep it to verify the audit log): " + ks.wallet().auditKey().value.toHex());
      ctx.stdout().println("No policy is applied yet: every signing request is denied until 'custos policy apply'.");
      ctx.stdout().println("Descriptors (import these into a watch-only wallet):");
      for (Account a : ks.wallet().accounts()) {
        ctx.stdout().println("  " + a.descriptor(Account.RECEIVE));
        ctx.stdout().println("  " + a.descriptor(Account.CHANGE));
      }
      return 0;
    }
  }

  /** Creates the store, opens the audit log with the key.init record and stores the approver sets. */
  private static void recordInit(CliContext ctx, Keystore ks, Optional<ApproverSet> admin, Optional<ApproverSet> spend) throws CliException {
    try (NodeSession node = NodeSession.open(ctx, ks.path())) {
      node.store().write(tx -> AuditTrail.append(tx, ctx.clock().instant(), AuditType.KEY_INIT.wireName(), java.util.Map.of(
          "network", ks.wallet().network().id(),
          "masterFingerprint", String.format("%08x", ks.wallet().masterFingerprint()),
          "auditKey", ks.wallet().auditKey().value.toHex(),
          "sealer", ks.wallet().sealer())));
      if (admin.isPresent()) {
        new QuorumService(node.store(), ks.wallet().network(), node.config().approvalTimes(), ctx.clock(), ctx.random())
            .initialize(admin.get(), spend, node.config().principal());
        ctx.stdout().println("Admin set: " + ApproverSetText.render(admin.get()) + " (administrative changes need this quorum)");
        spend.ifPresent(s -> ctx.stdout().println("Spend approver set: " + ApproverSetText.render(s)));
      }
    } catch (dev.custos.store.StoreException | ApprovalException e) {
      throw new CliException(dev.custos.cli.ExitCode.INTERNAL, "keystore created but the store failed: " + e.getMessage(), e);
    }
  }

  private static Optional<ApproverSet> approverSet(List<String> keys, Integer threshold, String option, Network net) throws CliException {
    if (keys.isEmpty() && threshold == null) {
      return Optional.empty();
    }
    if (keys.isEmpty() || threshold == null) {
      throw CliException.badInput(option + "-key and " + option + "-threshold go together");
    }
    try {
      return Optional.of(ApproverSetText.of(keys, threshold, net));
    } catch (ApprovalException e) {
      throw CliException.badInput(option + "-key: " + e.getMessage());
    }
  }

  private Mnemonic readMnemonic() throws CliException {
    byte[] raw;
    try {
      raw = Files.readAllBytes(mnemonicFile);
    } catch (IOException e) {
      throw CliException.badInput("cannot read mnemonic file " + mnemonicFile + ": " + e.getClass().getSimpleName());
    }
    try (SecretBytes text = SecretBytes.takeOwnership(raw)) {
      return Mnemonic.parse(text);
    } catch (InvalidMnemonicException e) {
      throw CliException.badInput("mnemonic file " + mnemonicFile + ": " + e.getMessage());
    }
  }

  private static void printMnemonicOnce(CliContext ctx, Mnemonic mnemonic) {
    ctx.stdout().println("Write down these " + mnemonic.wordCount() + " words, in order. They are shown ONCE and are the only");
    ctx.stdout().println("backup of this wallet; anyone who sees them can spend its funds.");
    ctx.stdout().println();
    try (SecretBytes sentence = mnemonic.sentence()) {
      sentence.use(bytes -> {
        ctx.stdout().print("    ");
        ctx.stdout().write(bytes, 0, bytes.length);
        ctx.stdout().println();
        return null;
      });
    }
    ctx.stdout().println();
  }

}
