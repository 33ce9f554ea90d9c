package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.SigHash;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the HTLC-timeout and HTLC-success transactions of a commitment: version 2, locktime
 * {@code cltv_expiry} (timeout) or 0 (success), sequence 0 (1 with anchors), one output of the
 * HTLC amount minus its fee (0 with anchors) to the revocable, {@code to_self_delay}-delayed
 * script of the broadcaster.
 */
public final class HtlcTransactions {
  private HtlcTransactions() {}

  /** One transaction per untrimmed HTLC, in commitment output order ({@code htlc_signatures} order). */
  public static List<HtlcTransaction> build(ChannelParameters params, CommitmentTransaction commitment) {
    FeeratePerKw feerate = commitment.feerate();
    ChannelType type = params.type();
    int toSelfDelay = params.side(commitment.broadcaster()).toSelfDelay();
    CommitmentKeys keys = commitment.keys();
    int remoteSighash = type.hasAnchors() ? SigHash.SIGHASH_SINGLE | SigHash.SIGHASH_ANYONECANPAY : SigHash.SIGHASH_ALL;
    List<HtlcTransaction> result = new ArrayList<>();
    List<CommitmentOutput> outputs = commitment.outputs();
    for (int i = 0; i < outputs.size(); i++) {
      if (!(outputs.get(i) instanceof CommitmentOutput.HtlcOutput h)) {
        continue;
      }
      boolean success = h.htlc().direction() == HtlcDirection.RECEIVED;
      Satoshi fee = success ? CommitmentFees.htlcSuccessFee(type, feerate) : CommitmentFees.htlcTimeoutFee(type, feerate);
      Satoshi amount = new Satoshi(h.txOut().amount.toLong() - fee.toLong());
      TxIn in = new TxIn(new OutPoint(commitment.tx(), i), new byte[0], type.htlcTxSequence());
      TxOut out = new TxOut(amount, Bolt3Scripts.p2wsh(
          Bolt3Scripts.toLocal(keys.revocationKey(), toSelfDelay, keys.localDelayedKey())));
      Transaction tx = new Transaction(2, List.of(in), List.of(out), success ? 0 : h.htlc().cltvExpiry());
      result.add(new HtlcTransaction(tx, h.htlc(), h.witnessScript(), h.txOut().amount, remoteSighash));
    }
    return result;
  }
}
