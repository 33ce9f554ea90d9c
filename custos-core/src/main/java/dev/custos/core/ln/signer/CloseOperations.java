package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Exception;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.Bolt3Signatures;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ClosingTransaction;
import dev.custos.core.ln.bolt3.ClosingTransactions;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.bolt3.SpendPath;
import dev.custos.core.ln.bolt3.SweepTransaction;
import dev.custos.core.ln.bolt3.Sweeps;
import dev.custos.core.ln.signer.ChannelCommand.SignMutualClose;
import dev.custos.core.ln.signer.ChannelCommand.SignSweep;
import dev.custos.core.ln.signer.ChannelCommand.SweepSource;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;

/** Mutual close and sweeps: where channel funds leave the channel, to approved destinations only. */
final class CloseOperations {
  private CloseOperations() {}

  static ChannelOutcome mutualClose(ChannelState s, SignMutualClose c, ChannelKeys keys, SignerLimits limits)
      throws ChannelPolicyException {
    CommitmentSpec holder = s.holderSpec().orElseThrow(() -> new ChannelPolicyException(LnPolicy.MUTUAL_VALUE_MATCHES_COMMITMENT,
        "channel " + s.id() + " has no validated commitment to close from"));
    boolean pending = !holder.htlcs().isEmpty() || s.counterpartyUnrevoked().stream().anyMatch(u -> !u.spec().htlcs().isEmpty());
    if (pending) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_NO_PENDING_HTLCS, "channel " + s.id() + " still has HTLCs on "
          + "holder commitment " + holder.commitmentNumber() + " or an unrevoked counterparty commitment");
    }
    if (!limits.approves(c.holderScript()) || s.holderShutdownScript().filter(u -> !u.equals(c.holderScript())).isPresent()) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_DESTINATION_ALLOWLISTED, "channel " + s.id() + " closes to "
          + c.holderScript().toHex() + ", which is not our wallet, not allowlisted, or not the upfront shutdown script");
    }
    if (s.counterpartyShutdownScript().filter(u -> !u.equals(c.counterpartyScript())).isPresent()) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_OTHER, "channel " + s.id()
          + ": the counterparty closes to another script than its upfront shutdown script");
    }
    CounterpartyCommitment theirs = s.latestCounterparty().orElse(null);
    if (theirs == null || s.counterpartyUnrevoked().size() != 1 || !theirs.spec().toLocal().equals(holder.toRemote())
        || !theirs.spec().toRemote().equals(holder.toLocal())) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_VALUE_MATCHES_COMMITMENT, "channel " + s.id()
          + ": both sides' latest commitments must agree on the balances (holder " + holder.toLocal().value() + " msat)");
    }
    ChannelParameters p = s.params();
    Transaction tx = c.closingTx();
    long outputs = 0;
    for (TxOut o : tx.txOut) {
      outputs = Math.addExact(outputs, o.amount.toLong());
    }
    long fee = p.fundingAmount().toLong() - outputs;
    if (fee < 0 || fee > limits.maxMutualCloseFeeSat()) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_FEE_RANGE, "channel " + s.id() + " closing fee=" + fee
          + " sat outside [0, " + limits.maxMutualCloseFeeSat() + "]");
    }
    ClosingTransaction expected;
    try {
      expected = ClosingTransactions.legacy(p, holder.toLocal(), holder.toRemote(), c.holderScript(), c.counterpartyScript(),
          new Satoshi(fee), p.holder().dustLimit());
    } catch (IllegalArgumentException e) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_FEE_RANGE, "channel " + s.id() + ": " + e.getMessage());
    }
    long ours = paidTo(tx, c.holderScript());
    long wantOurs = paidTo(expected.tx(), c.holderScript());
    if (ours != wantOurs) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_VALUE_MATCHES_COMMITMENT, "channel " + s.id() + " close pays us "
          + ours + " sat, our balance on commitment " + holder.commitmentNumber() + " gives " + wantOurs + " sat");
    }
    if (!tx.equals(expected.tx())) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_OTHER, "channel " + s.id() + " closing transaction " + tx.txid
          + " differs from the rebuilt " + expected.tx().txid);
    }
    ByteVector signature = Bolt3Signatures.signClosing(expected, keys.funding());
    return new ChannelOutcome.Applied(s.withClosingSigned(), new ChannelReply.ClosingSignature(signature));
  }

  static ChannelOutcome sweep(ChannelState s, SignSweep c, ChannelKeys keys, SignerLimits limits) throws ChannelPolicyException {
    if (!limits.approves(c.destination())) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_DESTINATION_ALLOWLISTED, "channel " + s.id() + " sweep pays "
          + c.destination().toHex() + ", which is neither our wallet nor allowlisted");
    }
    long feerate = c.feerate().value();
    if (feerate < limits.minFeeratePerKw() || feerate > limits.maxFeeratePerKw()) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_FEE_RANGE, "channel " + s.id() + " sweep feerate_per_kw=" + feerate
          + " outside [" + limits.minFeeratePerKw() + ", " + limits.maxFeeratePerKw() + "]");
    }
    return switch (c.source()) {
      case SweepSource.HolderToLocal h -> holderToLocal(s, c, keys);
      case SweepSource.CounterpartyToRemote r -> toRemote(s, c, r, keys);
      case SweepSource.RevokedToLocal r -> justice(s, c, r, keys);
    };
  }

  private static ChannelOutcome holderToLocal(ChannelState s, SignSweep c, ChannelKeys keys) throws ChannelPolicyException {
    CommitmentSpec spec = s.holderSpec().orElseThrow(() -> new ChannelPolicyException(LnPolicy.SWEEP_OTHER,
        "channel " + s.id() + " has no holder commitment"));
    PublicKey point = keys.perCommitmentPoint(spec.commitmentNumber());
    CommitmentTransaction ct = CommitmentBuilder.build(s.params(), Side.HOLDER, spec, point);
    for (int i = 0; i < ct.outputs().size(); i++) {
      if (ct.outputs().get(i) instanceof CommitmentOutput.ToLocal l) {
        SweepTransaction sweep = build(s, c, new OutPoint(ct.tx(), i), l.txOut(), l.witnessScript(),
            new SpendPath.DelayedToLocal(s.params().holder().toSelfDelay()));
        try (SecretBytes key = keys.delayedKey(point)) {
          return signed(s, sweep, key);
        }
      }
    }
    throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "holder commitment " + spec.commitmentNumber() + " has no to_local output");
  }

  private static ChannelOutcome toRemote(ChannelState s, SignSweep c, SweepSource.CounterpartyToRemote r, ChannelKeys keys)
      throws ChannelPolicyException {
    Transaction commitment = r.counterpartyCommitment();
    requireSpendsFunding(s, commitment);
    PublicKey paymentKey = s.params().holder().keys().paymentBasepoint();
    boolean anchors = s.params().type().hasAnchors();
    ByteVector script = anchors ? Bolt3Scripts.toRemoteAnchors(paymentKey) : ByteVector.empty;
    ByteVector spk = anchors ? Bolt3Scripts.p2wsh(script) : Bolt3Scripts.p2wpkh(paymentKey);
    int index = indexPaying(commitment, spk, "our to_remote");
    SpendPath path = anchors ? new SpendPath.ToRemoteAnchors() : new SpendPath.ToRemoteP2wpkh(paymentKey);
    SweepTransaction sweep = build(s, c, new OutPoint(commitment, index), commitment.txOut.get(index), script, path);
    return signed(s, sweep, keys.payment());
  }

  private static ChannelOutcome justice(ChannelState s, SignSweep c, SweepSource.RevokedToLocal r, ChannelKeys keys)
      throws ChannelPolicyException {
    if (r.number() < 0 || r.number() >= s.counterpartyRevoked()) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "counterparty commitment " + r.number()
          + " is not revoked (revoked: " + s.counterpartyRevoked() + ")");
    }
    requireSpendsFunding(s, r.revokedCommitment());
    try (SecretBytes secret = s.counterpartySecrets().lookup(r.number())) {
      PublicKey point = KeyDerivation.publicKeyOf(secret);
      ChannelParameters p = s.params();
      ByteVector script = Bolt3Scripts.toLocal(KeyDerivation.revocationPublicKey(p.holder().keys().revocationBasepoint(), point),
          p.counterparty().toSelfDelay(), KeyDerivation.derivePublicKey(p.counterparty().keys().delayedPaymentBasepoint(), point));
      Transaction revoked = r.revokedCommitment();
      int index = indexPaying(revoked, Bolt3Scripts.p2wsh(script), "the revoked to_local");
      SweepTransaction sweep = build(s, c, new OutPoint(revoked, index), revoked.txOut.get(index), script,
          new SpendPath.RevokedToLocal());
      try (SecretBytes key = keys.revocationKey(secret)) {
        return signed(s, sweep, key);
      }
    } catch (Bolt3Exception e) {
      throw new IllegalStateException("stored counterparty secret " + r.number() + " cannot be derived", e);
    }
  }

  private static void requireSpendsFunding(ChannelState s, Transaction commitment) throws ChannelPolicyException {
    if (commitment.txIn.size() != 1 || !commitment.txIn.get(0).outPoint.equals(s.params().fundingOutpoint())) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "transaction " + commitment.txid
          + " is not a commitment of channel " + s.id());
    }
  }

  private static int indexPaying(Transaction tx, ByteVector spk, String what) throws ChannelPolicyException {
    for (int i = 0; i < tx.txOut.size(); i++) {
      if (tx.txOut.get(i).publicKeyScript.equals(spk)) {
        return i;
      }
    }
    throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "transaction " + tx.txid + " has no output for " + what);
  }

  private static SweepTransaction build(ChannelState s, SignSweep c, OutPoint outpoint, TxOut spent, ByteVector script,
      SpendPath path) throws ChannelPolicyException {
    SweepTransaction sweep;
    try {
      sweep = Sweeps.build(outpoint, spent, script, path, c.destination(), c.feerate());
    } catch (IllegalArgumentException e) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_FEE_RANGE, "channel " + s.id() + ": " + e.getMessage());
    }
    Transaction want = sweep.tx();
    Transaction got = c.sweepTx();
    if (got.version != want.version) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_VERSION, "sweep version " + got.version + " != 2");
    }
    if (got.lockTime != want.lockTime) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_LOCKTIME, "sweep locktime " + got.lockTime + " != " + want.lockTime);
    }
    if (got.txIn.size() == 1 && got.txIn.get(0).sequence != want.txIn.get(0).sequence) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_SEQUENCE, "sweep sequence " + got.txIn.get(0).sequence + " != "
          + want.txIn.get(0).sequence);
    }
    if (!got.equals(want)) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "sweep " + got.txid + " differs from the rebuilt " + want.txid);
    }
    return sweep;
  }

  private static ChannelOutcome signed(ChannelState s, SweepTransaction sweep, SecretBytes key) {
    return new ChannelOutcome.Applied(s, new ChannelReply.SweepSignature(Bolt3Signatures.signSweep(sweep, key)));
  }

  private static long paidTo(Transaction tx, ByteVector script) {
    return tx.txOut.stream().filter(o -> o.publicKeyScript.equals(script)).mapToLong(o -> o.amount.toLong()).sum();
  }
}
