package dev.custos.core.ln.signer;

/**
 * A channel operation was refused by the rule {@link #rule()}. The message names the rule's tag,
 * the channel and the numbers involved, never key or secret material. Thrown inside
 * {@link ChannelSigner} and turned into {@link ChannelOutcome.Refused}.
 */
public final class ChannelPolicyException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient LnPolicy rule;
  private final String reason;

  public ChannelPolicyException(LnPolicy rule, String reason) {
    super(rule.tag() + ": " + reason);
    this.rule = rule;
    this.reason = reason;
  }

  public LnPolicy rule() {
    return rule;
  }

  /** The reason without the tag prefix. */
  public String reason() {
    return reason;
  }
}
