package dev.custos.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import dev.custos.cli.secrets.PassphrasePrompt;

/**
 * Everything a command takes from its environment, injected so that commands run in-process in
 * tests: environment variables, standard streams, whether a console is attached, clock, randomness.
 */
public record CliContext(
    Map<String, String> env, InputStream stdin, PrintStream stdout, PrintStream stderr,
    Optional<PassphrasePrompt> prompt, Clock clock, SecureRandom random) {

  public static CliContext system() {
    return new CliContext(System.getenv(), System.in, System.out, System.err, PassphrasePrompt.systemConsole(),
        Clock.systemUTC(), new SecureRandom());
  }
}
