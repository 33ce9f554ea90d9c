package dev.custos.service.channel;

import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ChannelStateCodec;
import dev.custos.core.ln.signer.ChannelStateFormatException;
import dev.custos.store.StoredChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two latest known rows of each channel, decoded: an operation whose stored row is byte for
 * byte one of them (same version, same bytes) reuses the decoded {@link ChannelState} (an
 * immutable value) instead of decoding it and re-checking its shachain again. An entry is a row's
 * bytes and what they decode to, so it is correct whether or not that row was committed yet:
 * rows written in a group-commit batch are recorded when written (a later work of the batch reads
 * the newest, a read snapshot taken meanwhile the one before), and an entry whose write was
 * rolled back simply never matches the stored row again. Any other row is decoded as usual.
 * Rows known to be committed are also kept by (id, version) alone, for the payment view of the
 * other channels ({@link #committedPayments}).
 */
final class DecodedStates {
  /** A stored row, the state it decodes to and that state's payment contribution. */
  record Decoded(ChannelId id, long version, byte[] bytes, ChannelState state, ChannelPayments payments) {
    Decoded(ChannelId id, long version, byte[] bytes, ChannelState state) {
      this(id, version, bytes, state, ChannelPayments.of(state));
    }

    boolean decodes(StoredChannel row) {
      return version == row.version() && row.hasState(bytes);
    }
  }

  /** The newest row recorded and the one of the version before it, if known. */
  private record Latest(Decoded newest, Decoded before) {
    Latest with(Decoded d) {
      if (d.version() > newest.version()) {
        return new Latest(d, d.version() == newest.version() + 1 ? newest : null);
      }
      if (d.version() == newest.version()) {
        return new Latest(d, before);
      }
      return d.version() == newest.version() - 1 ? new Latest(newest, d) : this;
    }
  }

  private final Map<ChannelId, Latest> cache = new ConcurrentHashMap<>();
  private final Map<ChannelId, Decoded> committed = new ConcurrentHashMap<>();

  ChannelState decode(ChannelId id, StoredChannel row) throws ChannelStateFormatException {
    Decoded known = known(id, row);
    return known != null ? known.state() : ChannelStateCodec.decode(row.state());
  }

  /** The payment contribution of {@code row}'s state, from the cache when the row is known. */
  ChannelPayments payments(ChannelId id, StoredChannel row) throws ChannelStateFormatException {
    Decoded known = known(id, row);
    return known != null ? known.payments() : ChannelPayments.of(ChannelStateCodec.decode(row.state()));
  }

  private Decoded known(ChannelId id, StoredChannel row) {
    Latest l = cache.get(id);
    if (l != null && l.newest().decodes(row)) {
      return l.newest();
    }
    if (l != null && l.before() != null && l.before().decodes(row)) {
      return l.before();
    }
    return null;
  }

  /**
   * The payment contribution of channel {@code id} at {@code version}, when that version is known
   * to be committed ({@link #rememberCommitted}). A committed (id, version) names exactly one state
   * (a row is only ever replaced by the next version), so no bytes need to be read or compared.
   */
  Optional<ChannelPayments> committedPayments(ChannelId id, long version) {
    Decoded d = committed.get(id);
    return d != null && d.version() == version ? Optional.of(d.payments()) : Optional.empty();
  }

  /**
   * Records a row known to be committed: run from {@code WriteTx.afterCommit} by the committing
   * thread, so it is known before any operation waiting on that commit goes on.
   */
  void rememberCommitted(Decoded d) {
    remember(d);
    committed.merge(d.id(), d, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
  }

  /** Records a row the caller read or wrote, with the state its bytes decode to. */
  void remember(Decoded d) {
    cache.merge(d.id(), new Latest(d, null), (old, fresh) -> old.with(d));
  }
}
