package dev.custos.store;

/**
 * The store failed (I/O, constraint, connection). Callers fail closed: nothing is signed when a
 * write fails. Messages name the operation, never secret material.
 */
public class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
