package dev.custos.server.keystore;

/**
 * The keystore in the data directory cannot be read or unlocked. The message names the file and
 * the problem, never a secret.
 */
public final class KeystoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeystoreException(String message) {
    super(message);
  }
}
