package dev.custos.service.channel;

import dev.custos.core.ln.signer.LnPolicy;

/**
 * A channel operation was refused by a channel policy rule. The refusal was audited and nothing
 * else changed. The message carries the tag and the reason, never secret material.
 */
public final class ChannelRefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient LnPolicy rule;

  public ChannelRefusedException(LnPolicy rule, String reason) {
    super(rule.tag() + ": " + reason);
    this.rule = rule;
  }

  public LnPolicy rule() {
    return rule;
  }
}
