package dev.custos.core.audit;

/** A stored audit record could not be decoded. The message never contains record contents. */
public final class AuditFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuditFormatException(String message) {
    super(message);
  }
}
