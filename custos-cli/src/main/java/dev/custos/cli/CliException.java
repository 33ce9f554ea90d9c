package dev.custos.cli;

/**
 * An expected failure of a command: printed as one line on stderr, mapped to {@link #exitCode()}.
 * The message must never contain secret material.
 */
public final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliException badInput(String message) {
    return new CliException(ExitCode.BAD_INPUT, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
