package dev.custos.core.seal;

/**
 * The data-key wrap of a passphrase-sealed blob did not authenticate. Cryptographically this
 * cannot be told apart from a modified file or a different caller context, so the message says
 * exactly that and nothing more.
 */
public final class WrongPassphraseException extends UnsealException {
  private static final long serialVersionUID = 1L;

  public WrongPassphraseException() {
    super("wrong passphrase or corrupted sealed file");
  }
}
