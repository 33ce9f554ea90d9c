package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.CommitmentKeys;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** One-field edits of transactions and proposals, for the per-rule mutation tests. */
final class Mutations {
  static final PublicKey STRANGER = PrivateKey.fromHex("33".repeat(32)).publicKey();
  static final ByteVector OP_TRUE = ByteVector.fromHex("51");

  private Mutations() {}

  static Transaction version(Transaction tx, long version) {
    return new Transaction(version, tx.txIn, tx.txOut, tx.lockTime);
  }

  static Transaction lockTime(Transaction tx, long lockTime) {
    return new Transaction(tx.version, tx.txIn, tx.txOut, lockTime);
  }

  static Transaction input(Transaction tx, UnaryOperator<TxIn> edit) {
    List<TxIn> ins = new ArrayList<>(tx.txIn);
    ins.set(0, edit.apply(ins.get(0)));
    return new Transaction(tx.version, ins, tx.txOut, tx.lockTime);
  }

  static TxIn sequence(TxIn in, long sequence) {
    return new TxIn(in.outPoint, new byte[0], sequence);
  }

  static TxIn outPoint(TxIn in, OutPoint outPoint) {
    return new TxIn(outPoint, new byte[0], in.sequence);
  }

  static Transaction addInput(Transaction tx) {
    List<TxIn> ins = new ArrayList<>(tx.txIn);
    ins.add(new TxIn(new OutPoint(tx, 7), new byte[0], 0));
    return new Transaction(tx.version, ins, tx.txOut, tx.lockTime);
  }

  static Transaction outputs(Transaction tx, List<TxOut> outs) {
    return new Transaction(tx.version, tx.txIn, outs, tx.lockTime);
  }

  static Transaction amount(Transaction tx, int index, long delta) {
    List<TxOut> outs = new ArrayList<>(tx.txOut);
    TxOut o = outs.get(index);
    outs.set(index, new TxOut(new Satoshi(o.amount.toLong() + delta), o.publicKeyScript));
    return outputs(tx, outs);
  }

  /** The proposal with output {@code index} replaced by {@code script}'s P2WSH (or a raw scriptPubKey). */
  static ProposedTransaction replace(ProposedTransaction p, int index, TxOut out, ByteVector script) {
    List<TxOut> outs = new ArrayList<>(p.tx().txOut);
    List<ByteVector> scripts = new ArrayList<>(p.outputWitnessScripts());
    outs.set(index, out);
    scripts.set(index, script);
    return new ProposedTransaction(outputs(p.tx(), outs), scripts);
  }

  static ProposedTransaction replaceScript(ProposedTransaction p, int index, ByteVector script) {
    TxOut old = p.tx().txOut.get(index);
    return replace(p, index, new TxOut(old.amount, Bolt3Scripts.p2wsh(script)), script);
  }

  static ProposedTransaction append(ProposedTransaction p, TxOut out, ByteVector script) {
    List<TxOut> outs = new ArrayList<>(p.tx().txOut);
    List<ByteVector> scripts = new ArrayList<>(p.outputWitnessScripts());
    outs.add(out);
    scripts.add(script);
    return new ProposedTransaction(outputs(p.tx(), outs), scripts);
  }

  static ProposedTransaction remove(ProposedTransaction p, int index) {
    List<TxOut> outs = new ArrayList<>(p.tx().txOut);
    List<ByteVector> scripts = new ArrayList<>(p.outputWitnessScripts());
    outs.remove(index);
    scripts.remove(index);
    return new ProposedTransaction(outputs(p.tx(), outs), scripts);
  }

  static ProposedTransaction swap(ProposedTransaction p, int i, int j) {
    List<TxOut> outs = new ArrayList<>(p.tx().txOut);
    List<ByteVector> scripts = new ArrayList<>(p.outputWitnessScripts());
    java.util.Collections.swap(outs, i, j);
    java.util.Collections.swap(scripts, i, j);
    return new ProposedTransaction(outputs(p.tx(), outs), scripts);
  }

  static ProposedTransaction tx(ProposedTransaction p, UnaryOperator<Transaction> edit) {
    return new ProposedTransaction(edit.apply(p.tx()), p.outputWitnessScripts());
  }

  /** Commitment keys with one key replaced by {@link #STRANGER}. */
  static CommitmentKeys withRevocation(CommitmentKeys k) {
    return new CommitmentKeys(k.perCommitmentPoint(), STRANGER, k.localHtlcKey(), k.remoteHtlcKey(), k.localDelayedKey(),
        k.remotePaymentKey(), k.localFundingKey(), k.remoteFundingKey());
  }

  static CommitmentKeys withLocalHtlc(CommitmentKeys k) {
    return new CommitmentKeys(k.perCommitmentPoint(), k.revocationKey(), STRANGER, k.remoteHtlcKey(), k.localDelayedKey(),
        k.remotePaymentKey(), k.localFundingKey(), k.remoteFundingKey());
  }

  static CommitmentKeys withRemoteHtlc(CommitmentKeys k) {
    return new CommitmentKeys(k.perCommitmentPoint(), k.revocationKey(), k.localHtlcKey(), STRANGER, k.localDelayedKey(),
        k.remotePaymentKey(), k.localFundingKey(), k.remoteFundingKey());
  }
}
