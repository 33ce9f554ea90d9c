package dev.custos.server.cosigner;

/**
 * A threshold signing session could not produce a signature: too few cosigners accepted. The
 * message names each cosigner that refused or did not answer, with its reason (refusal tag or
 * status), never secrets.
 */
public final class CoordinatorException extends Exception {
  private static final long serialVersionUID = 1L;

  public CoordinatorException(String message) {
    super(message);
  }
}
