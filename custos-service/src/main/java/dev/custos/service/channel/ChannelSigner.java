package dev.custos.service.channel;

import dev.custos.core.audit.AuditType;
import dev.custos.core.ln.signer.ChannelCommand;
import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelKeys;
import dev.custos.core.ln.signer.ChannelOutcome;
import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ChannelStateCodec;
import dev.custos.core.ln.signer.ChannelStateFormatException;
import dev.custos.core.ln.signer.NodeIdentity;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.service.audit.AuditTrail;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoredChannel;
import dev.custos.store.WriteTx;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shell around the pure channel signer (custos-core {@code ln.signer.ChannelSigner}): every
 * Lightning front door (LDK adapter, CLN hsmd, gRPC) calls {@link #execute}.
 *
 * <p>Order of one operation ("debit before sign"):
 * <ol>
 *   <li>outside any write transaction, read the channel's committed row and apply the command in
 *       memory with the channel's keys (signatures and secrets computed, none released), so that
 *       operations on different channels compute in parallel;
 *   <li>in one store write transaction: read the row again; if it changed meanwhile, or if the
 *       command needs the node-wide payment view (offered HTLCs are balanced against the node's
 *       other stored channels and its {@link PaymentApprovals}), apply the command again here;
 *   <li>store the new state as the next version, and append a {@code channel.operation} audit
 *       record (or only a {@code channel.refusal} record);
 *   <li>commit (the store's group commit shares one sync among concurrent operations); only then
 *       is the reply returned.
 * </ol>
 * Decoded states of stored rows and the channels' keys may be cached ({@link DecodedStates},
 * {@link CachingKeySource}); a row that differs from the cached one is always decoded again.
 * If anything fails before the commit completes, the computed reply is zeroized and dropped: a
 * signature or per-commitment secret whose state transition was not recorded never leaves. A
 * refused operation changes no state and is audited.
 */
public final class ChannelSigner {
  private final Store store;
  private final ChannelKeySource keys;
  private final SignerLimits limits;
  private final Clock clock;
  private final PaymentApprovals payments;
  private final Optional<NodeIdentity> node;
  private final DecodedStates decoded = new DecodedStates();

  /**
   * A signer without a node identity: it refuses {@code SignChannelAnnouncement}.
   *
   * @param payments the node's approved outgoing payments; together with the other stored
   *     channels they balance the HTLCs we offer ({@code policy-commitment-htlc-routing-balance})
   */
  public ChannelSigner(Store store, ChannelKeySource keys, SignerLimits limits, Clock clock, PaymentApprovals payments) {
    this(store, keys, Optional.empty(), limits, clock, payments);
  }

  /**
   * @param node the node the channels belong to (lent: the caller closes it after this signer's
   *     last use); it signs {@code channel_announcement}s on its chain
   */
  public ChannelSigner(Store store, ChannelKeySource keys, NodeIdentity node, SignerLimits limits, Clock clock,
      PaymentApprovals payments) {
    this(store, keys, Optional.of(node), limits, clock, payments);
  }

  private ChannelSigner(Store store, ChannelKeySource keys, Optional<NodeIdentity> node, SignerLimits limits, Clock clock,
      PaymentApprovals payments) {
    this.store = store;
    this.keys = keys;
    this.node = node;
    this.limits = limits;
    this.clock = clock;
    this.payments = payments;
  }

  /**
   * Applies {@code command} durably and returns its reply.
   *
   * @throws ChannelRefusedException when a channel policy rule refuses it (audited, nothing changed)
   * @throws StoreException when the state cannot be loaded or the transition cannot be recorded;
   *     nothing was released
   */
  public ChannelReply execute(ChannelCommand command) throws ChannelRefusedException, StoreException {
    Instant now = clock.instant();
    Precomputed early = precompute(command, now);
    AtomicReference<ChannelOutcome> computed = new AtomicReference<>();
    AtomicReference<DecodedStates.Decoded> stored = new AtomicReference<>();
    ChannelOutcome outcome;
    try {
      outcome = store.write(tx -> apply(tx, command, now, early, computed, stored));
    } catch (StoreException | RuntimeException e) {
      closeReply(early.outcome());
      closeReply(computed.get());
      throw e;
    }
    if (early.outcome() != outcome) {
      closeReply(early.outcome());
    }
    if (stored.get() != null) {
      decoded.remember(stored.get());
    }
    return switch (outcome) {
      case ChannelOutcome.Applied a -> a.reply();
      case ChannelOutcome.Refused r -> throw new ChannelRefusedException(r.rule(), r.reason());
    };
  }

  /**
   * An outcome computed outside the write transaction, from the committed row it started from and
   * the payment-ledger answers it used.
   */
  private record Precomputed(Optional<StoredChannel> row, Optional<ChannelState> state, ChannelOutcome outcome,
      RecordedLedger ledger) {}

  /**
   * The signer work (rebuilding, verifying, signing) done in a read snapshot before the write
   * transaction, so that operations on different channels compute in parallel and the store's
   * group commit only persists them. Used only if, in the write transaction, the row is unchanged
   * and the payment ledger gives the same answers.
   */
  private Precomputed precompute(ChannelCommand command, Instant now) throws StoreException {
    return store.read(tx -> {
      Optional<StoredChannel> row = tx.channel(command.channelId().value().toByteArray());
      Optional<ChannelState> state = decode(command, row);
      RecordedLedger ledger = new RecordedLedger(new StoredPaymentLedger(tx, command.channelId(), payments, now, decoded), now);
      try (ChannelKeys channelKeys = keys.keys(command.channelId())) {
        return new Precomputed(row, state, dev.custos.core.ln.signer.ChannelSigner.apply(state, command, channelKeys, node, limits,
            ledger), ledger);
      }
    });
  }

  private Optional<ChannelState> decode(ChannelCommand command, Optional<StoredChannel> row) throws StoreException {
    if (row.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decoded.decode(command.channelId(), row.get()));
    } catch (ChannelStateFormatException e) {
      throw new StoreException("channel " + command.channelId() + " has a corrupt stored state: " + e.getMessage());
    }
  }

  private static boolean sameRow(Optional<StoredChannel> a, Optional<StoredChannel> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    return a.get().version() == b.get().version() && a.get().hasState(b.get().state());
  }

  /**
   * The stored state of channel {@code id}, empty when it was never set up. Read-only: a front door
   * uses it to recognise a channel it reloads (the same parameters bound again).
   *
   * @throws StoreException when the state cannot be read or is corrupt
   */
  public Optional<ChannelState> state(ChannelId id) throws StoreException {
    Optional<StoredChannel> row = store.read(tx -> tx.channel(id.value().toByteArray()));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ChannelStateCodec.decode(row.get().state()));
    } catch (ChannelStateFormatException e) {
      throw new StoreException("channel " + id + " has a corrupt stored state: " + e.getMessage());
    }
  }

  private ChannelOutcome apply(WriteTx tx, ChannelCommand command, Instant now, Precomputed early,
      AtomicReference<ChannelOutcome> computed, AtomicReference<DecodedStates.Decoded> stored) throws StoreException {
    byte[] id = command.channelId().value().toByteArray();
    Optional<StoredChannel> row = tx.channel(id);
    StoredPaymentLedger ledger = new StoredPaymentLedger(tx, command.channelId(), payments, now, decoded);
    Optional<ChannelState> state;
    ChannelOutcome outcome;
    if (sameRow(early.row(), row) && early.ledger().sameAnswers(ledger)) {
      state = early.state();
      outcome = early.outcome();
    } else {
      state = decode(command, row);
      try (ChannelKeys channelKeys = keys.keys(command.channelId())) {
        outcome = dev.custos.core.ln.signer.ChannelSigner.apply(state, command, channelKeys, node, limits, ledger);
      }
      computed.set(outcome);
    }
    if (row.isPresent()) {
      stored.set(new DecodedStates.Decoded(command.channelId(), row.get().version(), row.get().state(), state.orElseThrow()));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("channel", command.channelId().toHex());
    fields.put("operation", command.getClass().getSimpleName());
    CommandNumbers.of(command).ifPresent(n -> fields.put("commitment", Long.toString(n)));
    switch (outcome) {
      case ChannelOutcome.Applied a -> {
        long version = row.map(StoredChannel::version).orElse(0L);
        if (state.isEmpty() || !state.get().equals(a.state())) {
          version++;
          byte[] encoded = ChannelStateCodec.encode(a.state());
          tx.putChannel(new StoredChannel(id, version, encoded, now));
          stored.set(new DecodedStates.Decoded(command.channelId(), version, encoded, a.state()));
          decoded.remember(stored.get());
        }
        fields.put("stateVersion", Long.toString(version));
        AuditTrail.append(tx, now, AuditType.CHANNEL_OPERATION.wireName(), fields);
      }
      case ChannelOutcome.Refused r -> {
        fields.put("tag", r.rule().tag().value());
        fields.put("reason", r.reason());
        AuditTrail.append(tx, now, AuditType.CHANNEL_REFUSAL.wireName(), fields);
      }
    }
    DecodedStates.Decoded last = stored.get();
    if (last != null) {
      tx.afterCommit(() -> decoded.rememberCommitted(last));
    }
    return outcome;
  }

  /** Zeroizes a reply that will not be released (a secret whose transition was not recorded). */
  private static void closeReply(ChannelOutcome outcome) {
    if (outcome instanceof ChannelOutcome.Applied a && a.reply() instanceof AutoCloseable secret) {
      try {
        secret.close();
      } catch (Exception e) {
        throw new IllegalStateException("zeroizing an unreleased reply failed", e);
      }
    }
  }
}
