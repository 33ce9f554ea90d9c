package dev.custos.ldk.signer;

import dev.custos.core.ln.signer.LnPolicy;
import java.util.Optional;

/**
 * A channel signer refused a request. The {@link Kind} is a closed set; the message names the
 * operation, the channel and the numbers involved, never secret material. A refusal by the
 * stateful signer's policy also names its VLS rule ({@link #rule()}).
 */
public final class ChannelSignerException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused. */
  public enum Kind {
    /** A signing request arrived before the channel parameters were set up. */
    CHANNEL_NOT_READY,
    /** The channel parameters were set up twice, or name holder keys that are not this signer's. */
    CHANNEL_SETUP_REFUSED,
    /** A channel type the BOLT 3 engine does not build (e.g. LDK 0.0.106's fee-paying anchors). */
    UNSUPPORTED_CHANNEL_TYPE,
    /** The transaction rebuilt from the semantic parameters differs from the one proposed. */
    TRANSACTION_MISMATCH,
    /** A holder commitment carries a per-commitment point that is not this signer's. */
    PER_COMMITMENT_POINT_MISMATCH,
    /** The counterparty's signature on a holder commitment does not verify. */
    COUNTERPARTY_SIGNATURE_INVALID,
    /** A revealed counterparty per-commitment secret is out of order or inconsistent. */
    REVOCATION_SECRET_INVALID,
    /** A request is malformed: an unparsable structure, an out-of-range number, a bad key. */
    MALFORMED_REQUEST,
    /** The stateful channel signer's policy refused the request; {@link #rule()} names the rule (audited). */
    POLICY_REFUSED,
    /** The channel state could not be loaded or the transition could not be recorded: nothing was released. */
    STORE_FAILED,
    /** The signer does not offer this operation (for example a sweep shape it cannot rebuild). */
    NOT_OFFERED
  }

  private final Kind kind;
  private final transient LnPolicy rule;

  public ChannelSignerException(Kind kind, String message) {
    super(kind + ": " + message);
    this.kind = kind;
    this.rule = null;
  }

  /** A {@link Kind#POLICY_REFUSED} refusal by {@code rule}; the message starts with its tag. */
  public ChannelSignerException(LnPolicy rule, String message) {
    super(Kind.POLICY_REFUSED + ": " + message);
    this.kind = Kind.POLICY_REFUSED;
    this.rule = rule;
  }

  public Kind kind() {
    return kind;
  }

  /** The VLS rule of a {@link Kind#POLICY_REFUSED} refusal; empty for every other kind. */
  public Optional<LnPolicy> rule() {
    return Optional.ofNullable(rule);
  }
}
