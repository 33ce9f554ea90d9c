package dev.custos.core.ln.bolt7;

/**
 * A BOLT 7 gossip message is not well formed. The message names the field, its offset and why
 * (lengths and offsets only: gossip carries nothing secret, and no input bytes are echoed).
 */
public final class Bolt7FormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public Bolt7FormatException(String message) {
    super(message);
  }
}
