package dev.custos.core.approval;

/** Text is not a well-formed approval text (see {@link ApprovalText}); the message names the field and why. */
public final class ApprovalTextFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ApprovalTextFormatException(String message) {
    super("approval text: " + message);
  }
}
