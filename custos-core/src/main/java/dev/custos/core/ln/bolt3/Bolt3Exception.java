package dev.custos.core.ln.bolt3;

/**
 * A BOLT 3 input was refused. The {@link Kind} is a closed set a caller can switch on; the message
 * names what, where and why with numbers and identifiers, never secret material.
 */
public final class Bolt3Exception extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the input was refused. */
  public enum Kind {
    /** A channel type without {@code option_static_remotekey} (BOLT 3 legacy commitments). */
    LEGACY_COMMITMENT_REFUSED,
    /** {@code option_anchor_outputs} without zero-fee HTLC transactions. */
    PLAIN_ANCHORS_REFUSED,
    /** A channel type bit this engine does not implement (for example taproot channels). */
    UNKNOWN_CHANNEL_TYPE,
    /** A channel_type bitfield that is not well formed (odd bits, oversized). */
    MALFORMED_CHANNEL_TYPE,
    /** A per-commitment secret index outside {@code [0, 2^48 - 1]}. */
    SECRET_INDEX_OUT_OF_RANGE,
    /** A received per-commitment secret is not the next one in descending order. */
    SECRET_OUT_OF_ORDER,
    /** A received per-commitment secret does not derive the secrets received before it. */
    SECRET_MISMATCH,
    /** A per-commitment secret was asked for that was never received nor derivable. */
    SECRET_UNKNOWN
  }

  private final Kind kind;

  public Bolt3Exception(Kind kind, String message) {
    super(kind + ": " + message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
