package dev.custos.core.message;

/**
 * A message signature was not accepted. {@link #reason()} is a closed set of kinds; the message
 * names the format, the field and why (a header value, a length, an address), never key material
 * beyond public keys and addresses.
 */
public final class SignatureRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a signature was not accepted. */
  public enum Reason {
    /** The signature, key or address text is not well formed (encoding, length, range). */
    MALFORMED,
    /** Well formed, but of a kind this verifier does not accept for this key (e.g. P2TR script path). */
    UNSUPPORTED,
    /** Well formed and supported, but it does not verify for this message and key. */
    INVALID
  }

  private final Reason reason;

  public SignatureRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
