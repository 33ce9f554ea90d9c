package dev.custos.cli.walkthrough;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.service.keystore.Keystore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;

/**
 * The regtest demo keystore shared by {@code custos walkthrough} and {@code custos quickstart}:
 * the keystore directory {@code DIR}, its passphrase file (default {@code DIR.passphrase}, a
 * random passphrase generated with mode 0600 on first use) and a generous demo policy {@code
 * DIR-policy.yaml}. Both commands create it through this class, so they create it the same way.
 * <strong>Never for real funds:</strong> the passphrase sits in a file next to the keystore.
 */
public record DemoKeystore(Path dir, Path passphrase) {
  /** A demo policy: caps per transaction and per day, a fee cap, approval above 2 BTC. */
  private static final String DEMO_POLICY = """
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

  /** @param passphraseFile null: {@code DIR.passphrase} next to the (absolute) directory */
  public static DemoKeystore at(Path dataDir, Path passphraseFile) {
    Path dir = dataDir.toAbsolutePath().normalize();
    return new DemoKeystore(dir, passphraseFile != null ? passphraseFile : sibling(dir, ".passphrase"));
  }

  /** Whether {@code DIR} already holds a keystore. */
  public boolean exists() {
    return Files.exists(dir.resolve(Keystore.WALLET_FILE));
  }

  /** {@code DIR-policy.yaml}, the demo policy applied by {@link #applyDemoPolicy}. */
  public Path policy() {
    return sibling(dir, "-policy.yaml");
  }

  /** A file next to the keystore directory, named after it: {@code DIR<suffix>}. */
  public static Path sibling(Path dir, String suffix) {
    return dir.resolveSibling(dir.getFileName() + suffix);
  }

  /**
   * Generates the passphrase file if it is missing. Refuses (changing nothing) when the keystore
   * exists but its passphrase file does not: a new passphrase could never open it.
   */
  public void ensurePassphrase(CliContext ctx, String remedy) throws CliException {
    if (Files.exists(passphrase)) {
      return;
    }
    if (exists()) {
      throw CliException.badInput("keystore " + dir + " exists but its passphrase file " + passphrase + " does not: " + remedy);
    }
    byte[] raw = new byte[18];
    ctx.random().nextBytes(raw);
    byte[] text = Base64.getUrlEncoder().withoutPadding().encode(raw);
    try {
      Files.createFile(passphrase, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(passphrase, text);
    } catch (IOException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot write passphrase file " + passphrase + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(text, (byte) 0);
    }
    ctx.stdout().println("   Generated a random keystore passphrase in " + passphrase + " (0600). For real funds, use your own.");
  }

  /** Runs {@code custos init} on regtest with the passphrase file: a new seed, its mnemonic shown once. */
  public void create(ShownCommand shown) throws CliException {
    shown.run("init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-file", passphrase.toString());
  }

  /** Writes {@link #policy()} if it is missing (a user's edits are kept) and runs {@code custos policy apply} on it. */
  public void applyDemoPolicy(ShownCommand shown) throws CliException {
    Path policy = policy();
    if (!Files.exists(policy)) {
      writeText(policy, DEMO_POLICY);
    }
    shown.run("policy", "apply", "--data-dir", dir.toString(), "--file", policy.toString());
  }

  static void writeText(Path p, String text) throws CliException {
    try {
      Files.writeString(p, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
