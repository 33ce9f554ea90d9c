package dev.custos.core.macaroon;

/**
 * A macaroon's signature chain does not verify: wrong root key, a tampered field, a missing,
 * unbound or unused discharge. The message follows go-macaroon's wording ("signature mismatch
 * after caveat verification") and never contains a signature or key.
 */
public final class MacaroonVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public MacaroonVerificationException(String message) {
    super(message);
  }
}
