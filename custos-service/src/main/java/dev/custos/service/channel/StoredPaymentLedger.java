package dev.custos.service.channel;

import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelStateFormatException;
import dev.custos.core.ln.signer.PaymentLedger;
import dev.custos.store.ReadTx;
import dev.custos.store.StoreException;
import dev.custos.store.StoreUncheckedException;
import dev.custos.store.StoredChannel;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The node-wide payment view of one channel operation, read from the signer's own stored channel
 * states in the operation's transaction (never from the node): HTLCs offered to us are those in
 * our latest validated holder commitments, HTLCs we offered those in signed, unrevoked
 * counterparty commitments ({@link ChannelPayments}). The other channels are read once, on the
 * first question: their versions, and, unless the {@link DecodedStates} knows every one of those
 * committed versions, their rows.
 */
final class StoredPaymentLedger implements PaymentLedger {
  private final ReadTx tx;
  private final ChannelId current;
  private final PaymentApprovals approvals;
  private final Instant now;
  private final DecodedStates decoded;
  private List<ChannelPayments> others;
  private final Map<String, Long> othersRead = new TreeMap<>();

  StoredPaymentLedger(ReadTx tx, ChannelId current, PaymentApprovals approvals, Instant now, DecodedStates decoded) {
    this.decoded = decoded;
    this.tx = tx;
    this.current = current;
    this.approvals = approvals;
    this.now = now;
  }

  @Override
  public long receivedElsewhereMsat(ByteVector32 paymentHash) {
    return sum(paymentHash, true);
  }

  @Override
  public long offeredElsewhereMsat(ByteVector32 paymentHash) {
    return sum(paymentHash, false);
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

  /**
   * Whether every other channel is still at the version {@code earlier} read its answers from, so
   * that this ledger would answer its HTLC questions the same (a committed channel version names
   * one state). Reads only ids and versions.
   */
  boolean othersUnchangedSince(StoredPaymentLedger earlier) {
    try {
      return otherVersions().equals(earlier.othersRead);
    } catch (StoreException e) {
      throw new StoreUncheckedException(e);
    }
  }

  /** The version of every stored channel but the current one, by lowercase hex id. */
  private Map<String, Long> otherVersions() throws StoreException {
    Map<String, Long> versions = new TreeMap<>(tx.channelVersions());
    versions.remove(current.toHex());
    return versions;
  }

  private long sum(ByteVector32 paymentHash, boolean receivedByUs) {
    long total = 0;
    for (ChannelPayments p : others()) {
      Long v = (receivedByUs ? p.receivedMsat() : p.offeredMsat()).get(paymentHash);
      if (v != null) {
        total = Math.addExact(total, v);
      }
    }
    return total;
  }

  private List<ChannelPayments> others() {
    if (others != null) {
      return others;
    }
    List<ChannelPayments> all = new ArrayList<>();
    try {
      Map<String, Long> versions = otherVersions();
      for (Map.Entry<String, Long> v : versions.entrySet()) {
        Optional<ChannelPayments> known = decoded.committedPayments(ChannelId.fromHex(v.getKey()), v.getValue());
        if (known.isEmpty()) {
          return readAll();
        }
        all.add(known.get());
      }
      othersRead.putAll(versions);
    } catch (StoreException e) {
      throw new StoreUncheckedException(e);
    } catch (ChannelStateFormatException e) {
      throw new StoreUncheckedException(new StoreException("a stored channel state is corrupt: " + e.getMessage()));
    }
    others = all;
    return all;
  }

  /** The other channels' contributions from their stored rows (a version not known committed). */
  private List<ChannelPayments> readAll() throws StoreException, ChannelStateFormatException {
    List<ChannelPayments> all = new ArrayList<>();
    othersRead.clear();
    byte[] self = current.value().toByteArray();
    for (StoredChannel row : tx.channels()) {
      if (!row.isChannel(self)) {
        all.add(decoded.payments(new ChannelId(new ByteVector32(row.channelId())), row));
        othersRead.put(row.channelIdHex(), row.version());
      }
    }
    others = all;
    return all;
  }
}
