package dev.custos.core.seal;

/**
 * A sealed blob could not be opened. The message is one line naming what failed and why; it never
 * contains secret material (no passphrase, key or plaintext byte).
 *
 * <p>Subtypes: {@link SealFormatException} (the bytes are not a well-formed sealed blob) and
 * {@link WrongPassphraseException} (authentication of the wrapped data key failed).
 */
public class UnsealException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnsealException(String message) {
    super(message);
  }
}
