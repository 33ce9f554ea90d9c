package dev.custos.cli.secrets;

import java.io.Console;
import java.io.IOError;
import java.util.Optional;

/** Reads a line from the user without echo. Injected so that prompting can be tested. */
@FunctionalInterface
public interface PassphrasePrompt {

  /**
   * Shows {@code prompt} and reads one line without echo. The caller owns and zeroizes the
   * returned array.
   *
   * @return the characters typed, or {@code null} at end of input
   */
  char[] readHidden(String prompt) throws PassphraseException;

  /** The process's terminal, if standard input and output are one (not a pipe or a file). */
  static Optional<PassphrasePrompt> systemConsole() {
    Console console = System.console();
    if (console == null || !console.isTerminal()) {
      return Optional.empty();
    }
    return Optional.of(
        prompt -> {
          try {
            return console.readPassword("%s", prompt);
          } catch (IOError e) {
            throw new PassphraseException("cannot read the passphrase from the terminal");
          }
        });
  }
}
