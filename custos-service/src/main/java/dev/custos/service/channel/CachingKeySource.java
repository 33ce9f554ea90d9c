package dev.custos.service.channel;

import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelKeys;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives each channel's keys once and hands out copies ({@link ChannelKeys#copy()}): the hashing
 * and the five curve multiplications of a derivation are paid once per channel instead of once per
 * operation. The cached keys stay in memory until {@link #close()}, which zeroizes them; close it
 * when the node locks.
 */
public final class CachingKeySource implements ChannelKeySource, AutoCloseable {
  private final ChannelKeySource source;
  private final Map<ChannelId, ChannelKeys> cache = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public CachingKeySource(ChannelKeySource source) {
    this.source = source;
  }

  @Override
  public ChannelKeys keys(ChannelId id) {
    if (closed) {
      throw new IllegalStateException("channel key cache is closed (node locked)");
    }
    return cache.computeIfAbsent(id, source::keys).copy();
  }

  @Override
  public void close() {
    closed = true;
    cache.values().forEach(ChannelKeys::close);
    cache.clear();
  }

  @Override
  public String toString() {
    return "CachingKeySource<secret>";
  }
}
