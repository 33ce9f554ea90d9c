package dev.custos.core.macaroon;

/**
 * Bytes or text are not a well-formed macaroon (or LND macaroon identifier) of a format this build
 * reads: truncation, a bad field type or order, a length out of bounds, a non-canonical encoding or
 * trailing bytes. The message names the field and why; it never contains a signature or key.
 */
public final class MacaroonFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public MacaroonFormatException(String message) {
    super("macaroon: " + message);
  }
}
