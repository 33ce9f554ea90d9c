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
 * <p>Order of one operation ("debit before sign"), all in one store write transaction:
 * <ol>
 *   <li>load and decode the channel's state;
 *   <li>apply the command in memory with the channel's keys (signatures and secrets computed, none
 *       released);
 *   <li>store the new state as the next version, and append a {@code channel.operation} audit
 *       record (or only a {@code channel.refusal} record);
 *   <li>commit; only then is the reply returned.
 * </ol>
 * Offered HTLCs are balanced against the node's other stored channels and its
 * {@link PaymentApprovals}, read in the same transaction.
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

  /**
   * @param payments the node's approved outgoing payments; together with the other stored
   *     channels they balance the HTLCs we offer ({@code policy-commitment-htlc-routing-balance})
   */
  public ChannelSigner(Store store, ChannelKeySource keys, SignerLimits limits, Clock clock, PaymentApprovals payments) {
    this.store = store;
    this.keys = keys;
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
    AtomicReference<ChannelOutcome> computed = new AtomicReference<>();
    ChannelOutcome outcome;
    try {
      outcome = store.write(tx -> apply(tx, command, computed));
    } catch (StoreException | RuntimeException e) {
      if (computed.get() instanceof ChannelOutcome.Applied a && a.reply() instanceof AutoCloseable secret) {
        closeQuietly(secret);
      }
      throw e;
    }
    return switch (outcome) {
      case ChannelOutcome.Applied a -> a.reply();
      case ChannelOutcome.Refused r -> throw new ChannelRefusedException(r.rule(), r.reason());
    };
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

  private ChannelOutcome apply(WriteTx tx, ChannelCommand command, AtomicReference<ChannelOutcome> computed)
      throws StoreException {
    byte[] id = command.channelId().value().toByteArray();
    Optional<StoredChannel> row = tx.channel(id);
    Optional<ChannelState> state = Optional.empty();
    if (row.isPresent()) {
      try {
        state = Optional.of(ChannelStateCodec.decode(row.get().state()));
      } catch (ChannelStateFormatException e) {
        throw new StoreException("channel " + command.channelId() + " has a corrupt stored state: " + e.getMessage());
      }
    }
    Instant now = clock.instant();
    ChannelOutcome outcome;
    try (ChannelKeys channelKeys = keys.keys(command.channelId())) {
      outcome = dev.custos.core.ln.signer.ChannelSigner.apply(state, command, channelKeys, limits,
          new StoredPaymentLedger(tx, command.channelId(), payments, now));
    }
    computed.set(outcome);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("channel", command.channelId().toHex());
    fields.put("operation", command.getClass().getSimpleName());
    CommandNumbers.of(command).ifPresent(n -> fields.put("commitment", Long.toString(n)));
    switch (outcome) {
      case ChannelOutcome.Applied a -> {
        long version = row.map(StoredChannel::version).orElse(0L);
        if (state.isEmpty() || !state.get().equals(a.state())) {
          version++;
          tx.putChannel(new StoredChannel(id, version, ChannelStateCodec.encode(a.state()), now));
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
    return outcome;
  }

  private static void closeQuietly(AutoCloseable secret) {
    try {
      secret.close();
    } catch (Exception e) {
      throw new IllegalStateException("zeroizing an unreleased reply failed", e);
    }
  }
}
