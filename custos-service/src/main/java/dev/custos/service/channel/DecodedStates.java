package dev.custos.service.channel;

import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ChannelStateCodec;
import dev.custos.core.ln.signer.ChannelStateFormatException;
import dev.custos.store.StoredChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last committed state of each channel, decoded: an operation whose stored row is byte for
 * byte the cached one reuses the decoded {@link ChannelState} (an immutable value) instead of
 * decoding it and re-checking its shachain again. Only states known to be committed are recorded;
 * any other row (another writer, a rolled-back batch) is decoded as usual.
 */
final class DecodedStates {
  /** A stored row and the state it decodes to. */
  record Decoded(ChannelId id, long version, byte[] bytes, ChannelState state) {}

  private final Map<ChannelId, Decoded> cache = new ConcurrentHashMap<>();

  ChannelState decode(ChannelId id, StoredChannel row) throws ChannelStateFormatException {
    Decoded d = cache.get(id);
    if (d != null && d.version() == row.version() && Arrays.equals(d.bytes(), row.state())) {
      return d.state();
    }
    return ChannelStateCodec.decode(row.state());
  }

  /** Records a row the caller has seen committed; an older version never replaces a newer one. */
  void committed(Decoded d) {
    cache.merge(d.id(), d, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
  }
}
