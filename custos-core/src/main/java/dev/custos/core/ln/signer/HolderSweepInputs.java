package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.Bolt3Signatures;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand.SignSweepInput;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.SigHash;
import java.util.Set;

/**
 * One input of a sweep of our own channel outputs after a force close (what LDK calls
 * {@code DelayedPaymentOutput} and {@code StaticPaymentOutput}): the holder's delayed
 * {@code to_local} and our {@code to_remote} on a counterparty commitment. The whole-transaction
 * checks (destinations, version, fee bound) are {@link SweepInputSigning}'s.
 */
final class HolderSweepInputs {
  private HolderSweepInputs() {}

  /**
   * Rebuilds our latest holder commitment from the stored spec and our point: the input must spend
   * exactly its {@code to_local} output (outpoint and amount), with nSequence {@code to_self_delay}.
   */
  static ByteVector toLocal(ChannelState s, SignSweepInput c, SweepInput.HolderToLocal h, ChannelKeys keys)
      throws ChannelPolicyException {
    CommitmentSpec spec = s.holderSpec().orElseThrow(() -> new ChannelPolicyException(LnPolicy.SWEEP_OTHER,
        "channel " + s.id() + " has no holder commitment"));
    PublicKey point = keys.perCommitmentPoint(spec.commitmentNumber());
    if (!point.equals(h.perCommitmentPoint())) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "channel " + s.id() + ": the point is not that of our latest "
          + "holder commitment " + spec.commitmentNumber());
    }
    CommitmentTransaction ct = CommitmentBuilder.build(s.params(), Side.HOLDER, spec, point);
    OutPoint spent = c.sweepTx().txIn.get(c.input()).outPoint;
    for (int i = 0; i < ct.outputs().size(); i++) {
      if (ct.outputs().get(i) instanceof CommitmentOutput.ToLocal l && spent.equals(new OutPoint(ct.tx(), i))) {
        if (!c.amount().equals(l.txOut().amount)) {
          throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "channel " + s.id() + ": input " + c.input() + " amount "
              + c.amount().toLong() + " sat, our to_local holds " + l.txOut().amount.toLong() + " sat");
        }
        SweepInputSigning.checkFormat(c, Set.of((long) s.params().holder().toSelfDelay()), 0);
        try (SecretBytes key = keys.delayedKey(point)) {
          return Bolt3Signatures.sign(c.sweepTx(), c.input(), l.witnessScript(), c.amount(), SigHash.SIGHASH_ALL, key);
        }
      }
    }
    throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "channel " + s.id() + ": input " + c.input() + " spends " + spent
        + ", not the to_local output of our latest holder commitment " + ct.tx().txid);
  }

  /**
   * Signs with our payment basepoint secret (BOLT 3 {@code option_static_remotekey}: the
   * {@code to_remote} key is the payment basepoint itself); nSequence 1 with anchors (CSV 1).
   */
  static ByteVector toRemote(ChannelState s, SignSweepInput c, ChannelKeys keys) throws ChannelPolicyException {
    if (s.latestCounterparty().isEmpty()) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "channel " + s.id() + " has no counterparty commitment");
    }
    PublicKey paymentKey = s.params().holder().keys().paymentBasepoint();
    boolean anchors = s.params().type().hasAnchors();
    SweepInputSigning.checkFormat(c, anchors ? Set.of(1L) : SweepInputSigning.PLAIN_SEQUENCES, 0);
    ByteVector scriptCode = anchors ? Bolt3Scripts.toRemoteAnchors(paymentKey)
        : new ByteVector(Script.write(Script.pay2pkh(paymentKey)));
    return Bolt3Signatures.sign(c.sweepTx(), c.input(), scriptCode, c.amount(), SigHash.SIGHASH_ALL, keys.payment());
  }
}
