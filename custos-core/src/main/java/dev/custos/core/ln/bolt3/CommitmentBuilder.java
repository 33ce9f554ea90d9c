package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a commitment transaction from semantic parameters (BOLT 3 "Commitment Transaction
 * Construction"): trims HTLCs below the broadcaster's dust limit after their second-stage fee,
 * takes the base fee (and, with anchors, 2 x 330 sat) from the funder, drops balances below the
 * dust limit, adds anchors, and sorts outputs by amount, scriptPubKey, then CLTV expiry.
 *
 * <p>Deterministic: the same parameters, spec and point give the same bytes, so a signer can
 * rebuild what a peer or node proposes and compare instead of trusting it.
 */
public final class CommitmentBuilder {
  private static final long LOCKTIME_TAG = 0x20L << 24;
  private static final long SEQUENCE_TAG = 0x80L << 24;
  private static final long LOW_24 = 0xffffffL;

  private CommitmentBuilder() {}

  /**
   * The commitment {@code broadcaster} can publish for {@code spec}, keyed with the broadcaster's
   * {@code perCommitmentPoint}.
   *
   * <p>When the base fee and anchors exceed the funder's balance the funder's output is simply
   * absent (BOLT 3 Appendix C "fee greater than funder amount"): the engine builds what BOLT 3
   * defines; refusing such a state (BOLT 2 fee affordability) is the caller's policy, which can
   * compare {@link CommitmentTransaction#baseFee()} with the funder's balance.
   */
  public static CommitmentTransaction build(
      ChannelParameters params, Side broadcaster, CommitmentSpec spec, PublicKey perCommitmentPoint) {
    ChannelType type = params.type();
    ChannelSide local = params.side(broadcaster);
    Satoshi dust = local.dustLimit();
    CommitmentKeys keys = CommitmentKeys.derive(params, broadcaster, perCommitmentPoint);

    List<Htlc> untrimmed = spec.htlcs().stream()
        .filter(h -> !CommitmentFees.isTrimmed(type, spec.feerate(), dust, h))
        .toList();
    Satoshi baseFee = CommitmentFees.commitmentFee(type, spec.feerate(), untrimmed.size());
    long funderCharge = baseFee.toLong() + (type.hasAnchors() ? 2 * CommitmentFees.ANCHOR_AMOUNT.toLong() : 0);
    long toLocal = spec.toLocal().truncateToSatoshi().toLong();
    long toRemote = spec.toRemote().truncateToSatoshi().toLong();
    boolean localFunds = params.funder() == broadcaster;
    if (localFunds) {
      toLocal -= funderCharge;
    } else {
      toRemote -= funderCharge;
    }

    List<Sortable> outputs = new ArrayList<>();
    for (Htlc h : untrimmed) {
      ByteVector script = switch (h.direction()) {
        case OFFERED -> Bolt3Scripts.offeredHtlc(type, keys, h.paymentHash());
        case RECEIVED -> Bolt3Scripts.receivedHtlc(type, keys, h.paymentHash(), h.cltvExpiry());
      };
      TxOut out = new TxOut(h.amount().truncateToSatoshi(), Bolt3Scripts.p2wsh(script));
      outputs.add(new Sortable(new CommitmentOutput.HtlcOutput(h, out, script), h.cltvExpiry()));
    }
    boolean hasToLocal = toLocal >= dust.toLong();
    boolean hasToRemote = toRemote >= dust.toLong();
    if (hasToLocal) {
      ByteVector script = Bolt3Scripts.toLocal(keys.revocationKey(), local.toSelfDelay(), keys.localDelayedKey());
      outputs.add(new Sortable(new CommitmentOutput.ToLocal(new TxOut(new Satoshi(toLocal), Bolt3Scripts.p2wsh(script)), script), 0));
    }
    if (hasToRemote) {
      CommitmentOutput o = type.hasAnchors()
          ? toRemoteAnchors(keys, toRemote)
          : new CommitmentOutput.ToRemote(new TxOut(new Satoshi(toRemote), Bolt3Scripts.p2wpkh(keys.remotePaymentKey())), ByteVector.empty);
      outputs.add(new Sortable(o, 0));
    }
    if (type.hasAnchors()) {
      if (hasToLocal || !untrimmed.isEmpty()) {
        outputs.add(new Sortable(anchor(true, keys.localFundingKey()), 0));
      }
      if (hasToRemote || !untrimmed.isEmpty()) {
        outputs.add(new Sortable(anchor(false, keys.remoteFundingKey()), 0));
      }
    }
    outputs.sort(Comparator.<Sortable>comparingLong(s -> s.output.txOut().amount.toLong())
        .thenComparing((a, b) -> Bolt3Scripts.compare(a.output.txOut().publicKeyScript.toByteArray(),
            b.output.txOut().publicKeyScript.toByteArray()))
        .thenComparingLong(s -> s.cltv));

    long obscured = obscuredCommitmentNumber(params, spec.commitmentNumber());
    TxIn in = new TxIn(params.fundingOutpoint(), new byte[0], SEQUENCE_TAG | ((obscured >>> 24) & LOW_24));
    List<CommitmentOutput> ordered = outputs.stream().map(s -> s.output).toList();
    Transaction tx = new Transaction(2, List.of(in), ordered.stream().map(CommitmentOutput::txOut).toList(),
        LOCKTIME_TAG | (obscured & LOW_24));
    long outputSum = ordered.stream().mapToLong(o -> o.txOut().amount.toLong()).sum();
    ByteVector fundingScript = Bolt3Scripts.funding(params.holder().keys().fundingPubkey(),
        params.counterparty().keys().fundingPubkey());
    return new CommitmentTransaction(tx, broadcaster, keys, ordered, obscured, spec.feerate(), baseFee,
        new Satoshi(params.fundingAmount().toLong() - outputSum), fundingScript, params.fundingAmount());
  }

  /**
   * The commitment number XOR the lower 48 bits of {@code SHA256(payment_basepoint of the funder
   * || payment_basepoint of the other node)} (BOLT 3 "Commitment Transaction").
   */
  public static long obscuredCommitmentNumber(ChannelParameters params, long commitmentNumber) {
    byte[] opener = params.side(params.funder()).keys().paymentBasepoint().value.toByteArray();
    byte[] accepter = params.side(params.funder().other()).keys().paymentBasepoint().value.toByteArray();
    byte[] h = Sha256.of(opener, accepter);
    long factor = 0;
    for (int i = 26; i < 32; i++) {
      factor = (factor << 8) | (h[i] & 0xff);
    }
    return commitmentNumber ^ factor;
  }

  private static CommitmentOutput toRemoteAnchors(CommitmentKeys keys, long amount) {
    ByteVector script = Bolt3Scripts.toRemoteAnchors(keys.remotePaymentKey());
    return new CommitmentOutput.ToRemote(new TxOut(new Satoshi(amount), Bolt3Scripts.p2wsh(script)), script);
  }

  private static CommitmentOutput anchor(boolean local, PublicKey fundingKey) {
    ByteVector script = Bolt3Scripts.anchor(fundingKey);
    return new CommitmentOutput.Anchor(local, new TxOut(CommitmentFees.ANCHOR_AMOUNT, Bolt3Scripts.p2wsh(script)), script);
  }

  private record Sortable(CommitmentOutput output, long cltv) {}
}
