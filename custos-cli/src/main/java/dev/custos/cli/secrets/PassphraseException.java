package dev.custos.cli.secrets;

/**
 * The passphrase could not be obtained: conflicting options, a missing or empty source, no
 * terminal, or a mismatch on confirmation. The message is one line, safe to print: it names the
 * option, file or variable, never the passphrase or any part of it.
 */
public final class PassphraseException extends Exception {
  private static final long serialVersionUID = 1L;

  public PassphraseException(String message) {
    super(message);
  }
}
