package dev.custos.core.sign;

/**
 * The signer refused the whole PSBT: no signature was produced. The message names the input and
 * the reason with numbers, never secret material.
 */
public final class SigningRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public SigningRefusedException(String message) {
    super(message);
  }
}
