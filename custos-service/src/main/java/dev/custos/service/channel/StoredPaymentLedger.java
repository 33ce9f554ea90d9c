package dev.custos.service.channel;

import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.ChannelStateFormatException;
import dev.custos.core.ln.signer.CounterpartyCommitment;
import dev.custos.core.ln.signer.PaymentLedger;
import dev.custos.store.ReadTx;
import dev.custos.store.StoreException;
import dev.custos.store.StoreUncheckedException;
import dev.custos.store.StoredChannel;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node-wide payment view of one channel operation, read from the signer's own stored channel
 * states in the operation's transaction (never from the node): HTLCs offered to us are those in
 * our latest validated holder commitments, HTLCs we offered those in signed, unrevoked
 * counterparty commitments. The other channels are read once, on the first question.
 */
final class StoredPaymentLedger implements PaymentLedger {
  private final ReadTx tx;
  private final ChannelId current;
  private final PaymentApprovals approvals;
  private final Instant now;
  private final DecodedStates decoded;
  private Map<ByteVector32, Long> received;
  private Map<ByteVector32, Long> offered;

  StoredPaymentLedger(ReadTx tx, ChannelId current, PaymentApprovals approvals, Instant now, DecodedStates decoded) {
    this.decoded = decoded;
    this.tx = tx;
    this.current = current;
    this.approvals = approvals;
    this.now = now;
  }

  @Override
  public long receivedElsewhereMsat(ByteVector32 paymentHash) {
    load();
    return received.getOrDefault(paymentHash, 0L);
  }

  @Override
  public long offeredElsewhereMsat(ByteVector32 paymentHash) {
    load();
    return offered.getOrDefault(paymentHash, 0L);
  }

  @Override
  public Optional<ApprovedPayment> approval(ByteVector32 paymentHash) {
    try {
      return approvals.approval(tx, paymentHash);
    } catch (StoreException e) {
      throw new StoreUncheckedException(e);
    }
  }

  @Override
  public Instant now() {
    return now;
  }

  private void load() {
    if (received != null) {
      return;
    }
    received = new HashMap<>();
    offered = new HashMap<>();
    byte[] self = current.value().toByteArray();
    try {
      for (StoredChannel row : tx.channels()) {
        if (Arrays.equals(row.channelId(), self)) {
          continue;
        }
        ChannelState s = decoded.decode(new ChannelId(new ByteVector32(row.channelId())), row);
        s.holderSpec().ifPresent(spec -> spec.htlcs().stream().filter(h -> h.direction() == HtlcDirection.RECEIVED)
            .forEach(h -> received.merge(h.paymentHash(), h.amount().value(), Math::addExact)));
        Set<Htlc> ours = new HashSet<>();
        for (CounterpartyCommitment c : s.counterpartyUnrevoked()) {
          c.spec().htlcs().stream().filter(h -> h.direction() == HtlcDirection.RECEIVED).forEach(ours::add);
        }
        ours.forEach(h -> offered.merge(h.paymentHash(), h.amount().value(), Math::addExact));
      }
    } catch (StoreException e) {
      throw new StoreUncheckedException(e);
    } catch (ChannelStateFormatException e) {
      throw new StoreUncheckedException(new StoreException("a stored channel state is corrupt: " + e.getMessage()));
    }
  }
}
