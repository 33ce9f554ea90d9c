package dev.custos.store;

/** Carries a {@link StoreException} through interfaces without checked exceptions. */
public final class StoreUncheckedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUncheckedException(StoreException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized StoreException getCause() {
    return (StoreException) super.getCause();
  }
}
