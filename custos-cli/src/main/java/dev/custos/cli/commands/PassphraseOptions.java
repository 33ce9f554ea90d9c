package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.secrets.PassphraseException;
import dev.custos.cli.secrets.PassphraseSource;
import dev.custos.cli.secrets.ResolvedPassphrase;
import dev.custos.core.secret.SecretBytes;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The keystore passphrase options shared by commands that seal or unseal: a file, or an
 * environment variable named on the command line (never the passphrase itself as an argument);
 * with neither, an interactive prompt without echo.
 */
public final class PassphraseOptions {
  @Option(names = "--passphrase-file", paramLabel = "F",
      description = "Read the keystore passphrase from this file (one trailing newline is ignored).")
  Path file;

  @Option(names = "--passphrase-env", paramLabel = "VAR",
      description = "Read the keystore passphrase from the environment variable VAR.")
  String env;

  /** The options as {@code --passphrase-file F} sets them. */
  public static PassphraseOptions ofFile(Path f) {
    PassphraseOptions o = new PassphraseOptions();
    o.file = f;
    return o;
  }

  /** Whether {@code --passphrase-file} or {@code --passphrase-env} was given. */
  public boolean given() {
    return file != null || env != null;
  }

  /**
   * Resolves the passphrase; prints any warning (e.g. a group-readable file) to stderr.
   *
   * @param create prompt twice and require a match
   */
  public SecretBytes resolve(CliContext ctx, boolean create) throws CliException {
    if (file != null && env != null) {
      throw CliException.badInput("use either --passphrase-file or --passphrase-env, not both");
    }
    PassphraseSource source = new PassphraseSource(ctx.env(), ctx.prompt());
    try (ResolvedPassphrase r = source.resolve(file, env,
        create ? PassphraseSource.Purpose.CREATE : PassphraseSource.Purpose.UNLOCK)) {
      r.warning().ifPresent(w -> ctx.stderr().println("custos: warning: " + w));
      return SecretBytes.takeOwnership(r.passphrase().copy());
    } catch (PassphraseException e) {
      throw CliException.badInput(e.getMessage());
    }
  }

  /** An optional secret from a file or environment variable; empty when neither is given. */
  static SecretBytes optional(CliContext ctx, Path file, String env, String what) throws CliException {
    if (file == null && env == null) {
      return SecretBytes.takeOwnership(new byte[0]);
    }
    if (file != null && env != null) {
      throw CliException.badInput(what + ": use either the file or the environment option, not both");
    }
    try (ResolvedPassphrase r = new PassphraseSource(ctx.env(), java.util.Optional.empty())
        .resolve(file, env, PassphraseSource.Purpose.UNLOCK)) {
      r.warning().ifPresent(w -> ctx.stderr().println("custos: warning: " + what + ": " + w));
      return SecretBytes.takeOwnership(r.passphrase().copy());
    } catch (PassphraseException e) {
      throw CliException.badInput(what + ": " + e.getMessage());
    }
  }
}
