package dev.custos.cli.secrets;

import dev.custos.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command gets the passphrase that opens the keystore: from exactly one of
 *
 * <ul>
 *   <li>{@code --passphrase-file F}: see {@link PassphraseFile} (one trailing newline stripped,
 *       UTF-8, a warning if group/world readable);
 *   <li>{@code --passphrase-env VAR}: the variable's value as UTF-8; refused if unset or empty;
 *   <li>otherwise the terminal, without echo; for {@link Purpose#CREATE} it asks twice. Without a
 *       terminal it fails and says to use one of the two options.
 * </ul>
 *
 * <p>An empty passphrase is always refused. No message contains the passphrase. The returned
 * {@link ResolvedPassphrase} must be closed by the caller.
 */
public final class PassphraseSource {

  /** Why the passphrase is asked for: decides whether the prompt asks for confirmation. */
  public enum Purpose {
    /** Open an existing keystore: ask once. */
    UNLOCK,
    /** Choose the passphrase of a new keystore ({@code init}): ask twice, they must match. */
    CREATE
  }

  private final Map<String, String> environment;
  private final Optional<PassphrasePrompt> prompt;

  /**
   * @param environment the process environment ({@code System.getenv()} in production)
   * @param prompt the terminal, if there is one
   */
  public PassphraseSource(Map<String, String> environment, Optional<PassphrasePrompt> prompt) {
    this.environment = Map.copyOf(environment);
    this.prompt = prompt;
  }

  /** The real environment and terminal. */
  public static PassphraseSource system() {
    return new PassphraseSource(System.getenv(), PassphrasePrompt.systemConsole());
  }

  /**
   * Resolves the passphrase.
   *
   * @param passphraseFile value of {@code --passphrase-file}, or {@code null} if not given
   * @param passphraseEnv value of {@code --passphrase-env}, or {@code null} if not given
   * @throws PassphraseException with a one-line, printable reason
   */
  public ResolvedPassphrase resolve(Path passphraseFile, String passphraseEnv, Purpose purpose)
      throws PassphraseException {
    if (passphraseFile != null && passphraseEnv != null) {
      throw new PassphraseException("give only one of --passphrase-file and --passphrase-env");
    }
    if (passphraseFile != null) {
      return PassphraseFile.read(passphraseFile);
    }
    if (passphraseEnv != null) {
      return fromEnvironment(passphraseEnv);
    }
    PassphrasePrompt terminal =
        prompt.orElseThrow(
            () ->
                new PassphraseException(
                    "no terminal to ask for the passphrase; use --passphrase-file FILE or --passphrase-env VAR"));
    return PromptedPassphrase.read(terminal, purpose);
  }

  private ResolvedPassphrase fromEnvironment(String variable) throws PassphraseException {
    if (variable.isBlank()) {
      throw new PassphraseException("--passphrase-env needs the name of an environment variable");
    }
    String value = environment.get(variable);
    if (value == null) {
      throw new PassphraseException("environment variable " + variable + " (from --passphrase-env) is not set");
    }
    if (value.isEmpty()) {
      throw new PassphraseException(
          "environment variable " + variable + " (from --passphrase-env) is empty; an empty passphrase is refused");
    }
    return new ResolvedPassphrase(SecretBytes.takeOwnership(value.getBytes(StandardCharsets.UTF_8)), Optional.empty());
  }
}
