package dev.custos.core.frost;

import java.util.Optional;

/**
 * A FROST operation refused its input. The {@link Kind} is a closed set a caller can switch on;
 * {@link #culprit()} names the participant whose contribution was bad when that is known (RFC
 * 9591 §5.4: an aggregator identifies the signer of an invalid share). Messages name fields and
 * identifiers, never secret material.
 */
public final class FrostException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the operation was refused. */
  public enum Kind {
    /** Bytes that are not a canonical scalar, point or message of the expected length. */
    MALFORMED_ENCODING,
    /** A computation produced the point at infinity or a zero scalar where the RFC forbids it. */
    IDENTITY_OR_ZERO,
    /** Threshold parameters or participant sets that are inconsistent. */
    INVALID_PARTICIPANTS,
    /** A signature share that fails RFC 9591 §5.4 verification. */
    INVALID_SIGNATURE_SHARE,
    /** A DKG proof of knowledge that does not verify. */
    INVALID_PROOF_OF_KNOWLEDGE,
    /** A secret share that does not match its sender's VSS commitment. */
    INVALID_SECRET_SHARE,
    /** Signing nonces that were already consumed by an earlier signature share. */
    NONCE_REUSED,
    /** A DKG round-two share envelope that is malformed, misaddressed or does not decrypt. */
    INVALID_ENCRYPTED_SHARE,
    /** Participants saw different round-one packages (equivocation) or our own was replaced. */
    TRANSCRIPT_MISMATCH,
    /** A DKG transcript certificate that is missing or does not verify. */
    INVALID_CERTIFICATE
  }

  private final Kind kind;
  private final transient Identifier culprit;

  public FrostException(Kind kind, String message) {
    this(kind, message, null);
  }

  public FrostException(Kind kind, String message, Identifier culprit) {
    super("frost: " + message);
    this.kind = kind;
    this.culprit = culprit;
  }

  public Kind kind() {
    return kind;
  }

  /** The participant blamed for the failure, if it can be named. */
  public Optional<Identifier> culprit() {
    return Optional.ofNullable(culprit);
  }
}
