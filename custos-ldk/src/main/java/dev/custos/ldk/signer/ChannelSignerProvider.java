package dev.custos.ldk.signer;

/**
 * Makes the signer of one channel from its key id: {@link Bolt3ChannelSigner} over keys derived
 * from the Custos seed today, the stateful (policy-enforcing, persisted) channel signer later.
 * Called for a new channel and again when a node reloads a channel it persisted.
 */
@FunctionalInterface
public interface ChannelSignerProvider {
  ChannelSignerPort signerFor(ChannelKeyId id);
}
