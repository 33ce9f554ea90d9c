package dev.custos.core.seal;

/**
 * The bytes are not a well-formed sealed blob of a version and kind this build reads: bad magic,
 * unknown version or sealer kind, a field out of its bounds, truncation or trailing bytes. The
 * message names the field and the offending value; it never contains secret material.
 */
public final class SealFormatException extends UnsealException {
  private static final long serialVersionUID = 1L;

  public SealFormatException(String message) {
    super("sealed file: " + message);
  }
}
