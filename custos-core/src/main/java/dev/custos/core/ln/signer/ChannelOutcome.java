package dev.custos.core.ln.signer;

import java.util.Optional;

/**
 * The result of {@link ChannelSigner#apply}: the new state and reply, or a refusal that changes
 * nothing. The shell persists {@link Applied#state()} before it hands out the reply.
 */
public sealed interface ChannelOutcome {
  /** @param state the state to persist; equal to the old one for a query */
  record Applied(ChannelState state, ChannelReply reply) implements ChannelOutcome {}

  /** @param state the unchanged state, absent when the channel is unknown */
  record Refused(Optional<ChannelState> state, LnPolicy rule, String reason) implements ChannelOutcome {}
}
