package dev.custos.core.ln.invoice;

/**
 * A BOLT 11 invoice was refused. {@link #field()} names the part that failed (for example
 * {@code checksum}, {@code amount}, {@code p (payment hash)}, {@code signature}); the message says
 * where and why with numbers. Invoices hold no secret of ours, so the message may quote them.
 */
public final class Bolt11Exception extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  public Bolt11Exception(String field, String message) {
    super("invoice " + field + ": " + message);
    this.field = field;
  }

  /** The invoice part that was refused. */
  public String field() {
    return field;
  }
}
