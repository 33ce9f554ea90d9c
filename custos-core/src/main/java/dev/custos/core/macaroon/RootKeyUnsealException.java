package dev.custos.core.macaroon;

/**
 * A sealed macaroon root key could not be opened: it is malformed, was sealed under another id or
 * another seed, or was altered. The message names the root key id and the reason, never key bytes.
 */
public final class RootKeyUnsealException extends Exception {
  private static final long serialVersionUID = 1L;

  public RootKeyUnsealException(String message) {
    super(message);
  }
}
