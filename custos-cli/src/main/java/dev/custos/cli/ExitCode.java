package dev.custos.cli;

/** Process exit codes of the custos command. Scripts rely on them: never renumber. */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;
  /** Internal failure: a bug or an environment problem (disk, JVM). */
  public static final int INTERNAL = 1;
  /** Bad input or usage: malformed file, wrong passphrase, unknown flag. Nothing was changed. */
  public static final int BAD_INPUT = 2;
  /** Refused by policy (or by the signer's safety rules). Nothing was signed. */
  public static final int REFUSED = 3;
  /** Pending approval: the request was recorded and waits for approvers. */
  public static final int PENDING_APPROVAL = 4;

  private ExitCode() {}
}
