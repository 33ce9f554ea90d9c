package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds sweeps of commitment and HTLC-transaction outputs (version 2, one input, one output).
 * The fee is {@code feerate * weight / 1000} where the weight is that of the transaction with a
 * maximal (73-byte) signature, so the real fee rate is never below the requested one.
 */
public final class Sweeps {
  private static final int MAX_SIGNATURE = 73;

  private Sweeps() {}

  /**
   * Sweeps {@code spent} (output {@code outpoint}, locked by {@code witnessScript}, or a P2WPKH
   * for {@link SpendPath.ToRemoteP2wpkh}) to {@code destination}.
   *
   * @throws IllegalArgumentException when the fee leaves nothing to sweep
   */
  public static SweepTransaction build(OutPoint outpoint, TxOut spent, ByteVector witnessScript, SpendPath path,
      ByteVector destination, FeeratePerKw feerate) {
    ByteVector scriptCode = path instanceof SpendPath.ToRemoteP2wpkh p
        ? new ByteVector(Script.write(Script.pay2pkh(p.remotePaymentKey())))
        : witnessScript;
    TxIn in = new TxIn(outpoint, new byte[0], path.sequence());
    Transaction draft = new Transaction(2, List.of(in), List.of(new TxOut(spent.amount, destination)), path.lockTime());
    List<ByteVector> items = new ArrayList<>(path.stack(new ByteVector(new byte[MAX_SIGNATURE])));
    if (!(path instanceof SpendPath.ToRemoteP2wpkh)) {
      items.add(witnessScript);
    }
    int weight = draft.updateWitness(0, new ScriptWitness(items)).weight();
    long amount = spent.amount.toLong() - feerate.feeForWeight(weight).toLong();
    if (amount <= 0) {
      throw new IllegalArgumentException("sweep of " + spent.amount.toLong() + " sat at feerate_per_kw "
          + feerate.value() + " (weight " + weight + ") leaves nothing");
    }
    Transaction tx = new Transaction(2, List.of(in), List.of(new TxOut(new Satoshi(amount), destination)), path.lockTime());
    return new SweepTransaction(tx, path, scriptCode, spent.amount);
  }
}
