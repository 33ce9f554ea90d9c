package dev.custos.service.channel;

import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelKeys;

/**
 * Where the holder's channel keys come from. The caller closes the keys after one operation, so
 * they live in memory only while a channel operation runs.
 */
@FunctionalInterface
public interface ChannelKeySource {
  ChannelKeys keys(ChannelId id);
}
