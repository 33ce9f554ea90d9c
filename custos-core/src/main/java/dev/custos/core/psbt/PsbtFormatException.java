package dev.custos.core.psbt;

/**
 * A PSBT could not be parsed or is inconsistent. The message names where (global, input N,
 * output N), which field, and why; it never contains secret material.
 */
public final class PsbtFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public PsbtFormatException(String message) {
    super(message);
  }
}
