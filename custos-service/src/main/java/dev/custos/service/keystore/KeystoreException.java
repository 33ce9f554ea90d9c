package dev.custos.service.keystore;

/**
 * The keystore in a data directory cannot be opened or unlocked: missing or malformed files, a
 * directory open to others, or a {@code wallet.json} that does not match the sealed seed. The
 * message names the file and the problem, never a secret.
 */
public final class KeystoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeystoreException(String message) {
    super(message);
  }
}
