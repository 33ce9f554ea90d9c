package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A partially signed Bitcoin transaction, version 0 (BIP174) or 2 (BIP370), with BIP371 taproot
 * fields. Immutable. Parse with {@link PsbtCodec#parse(byte[])}, write with
 * {@link PsbtCodec#serialize(Psbt)}; the version is preserved.
 *
 * <p>Invariants established by the parser: version 0 has an unsigned tx whose input and output
 * counts equal the number of input and output maps; version 2 has no unsigned tx and every
 * input has a previous txid and output index, every output an amount and a script, and the
 * inputs' required lock times admit a lock time (BIP370 "Determining Lock Time").
 */
public record Psbt(int version, PsbtGlobal global, List<PsbtInput> inputs, List<PsbtOutput> outputs) {
  public Psbt {
    if (version != 0 && version != 2) {
      throw new IllegalArgumentException("unsupported PSBT version " + version);
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public Psbt withInput(int index, PsbtInput input) {
    List<PsbtInput> l = new ArrayList<>(inputs);
    l.set(index, input);
    return new Psbt(version, global, l, outputs);
  }

  /**
   * The transaction being signed, with empty scriptSigs and witnesses. Version 0: the global
   * unsigned transaction. Version 2 (BIP370 "Transaction Extractor"): PSBT_GLOBAL_TX_VERSION,
   * inputs from PSBT_IN_PREVIOUS_TXID / PSBT_IN_OUTPUT_INDEX / PSBT_IN_SEQUENCE (default
   * 0xffffffff), outputs from PSBT_OUT_AMOUNT / PSBT_OUT_SCRIPT, and the lock time of BIP370
   * "Determining Lock Time".
   *
   * @throws IllegalStateException if a required field is missing or no lock time fits (never for
   *     a PSBT returned by the parser)
   */
  public Transaction unsignedTransaction() {
    if (version == 0) {
      return global.unsignedTx()
          .orElseThrow(() -> new IllegalStateException("version 0 PSBT without PSBT_GLOBAL_UNSIGNED_TX"));
    }
    List<TxIn> txIn = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      PsbtInput in = inputs.get(i);
      String where = "input " + i;
      OutPoint prevout = new OutPoint(
          in.previousTxid().orElseThrow(() -> new IllegalStateException(where + " has no previous txid")),
          in.outputIndex().orElseThrow(() -> new IllegalStateException(where + " has no output index")));
      txIn.add(new TxIn(prevout, ByteVector.empty, in.sequence().orElse(0xffff_ffffL), ScriptWitness.Companion.getEmpty()));
    }
    List<TxOut> txOut = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      txOut.add(output(i));
    }
    long lockTime = Bip370LockTime.determine(global.fallbackLocktime(), inputs)
        .orElseThrow(() -> new IllegalStateException("inputs require incompatible lock time types"));
    return new Transaction(global.txVersion(), txIn, txOut, lockTime);
  }

  /**
   * The output spent by input {@code inputIndex}: PSBT_IN_WITNESS_UTXO if present, else the
   * output of PSBT_IN_NON_WITNESS_UTXO at the spent index (the parser checked that the two agree
   * when both are present and that the transaction's txid is the spent txid); empty when the
   * input carries neither.
   *
   * @throws IndexOutOfBoundsException if there is no such input
   */
  public Optional<TxOut> spentOutput(int inputIndex) {
    PsbtInput in = inputs.get(inputIndex);
    if (in.witnessUtxo().isPresent()) {
      return in.witnessUtxo();
    }
    long spentIndex = version == 0
        ? unsignedTransaction().txIn.get(inputIndex).outPoint.index
        : in.outputIndex().orElse(-1);
    return in.nonWitnessUtxo()
        .filter(tx -> spentIndex >= 0 && spentIndex < tx.txOut.size())
        .map(tx -> tx.txOut.get((int) spentIndex));
  }

  /**
   * Output {@code index} of the transaction: from the unsigned transaction (version 0) or from
   * PSBT_OUT_AMOUNT and PSBT_OUT_SCRIPT (version 2).
   *
   * @throws IndexOutOfBoundsException if there is no such output
   * @throws IllegalStateException if a version 2 output lacks its amount or script (never for a
   *     PSBT returned by the parser)
   */
  public TxOut output(int index) {
    if (version == 0) {
      return unsignedTransaction().txOut.get(index);
    }
    PsbtOutput o = outputs.get(index);
    String where = "output " + index;
    return new TxOut(
        new Satoshi(o.amount().orElseThrow(() -> new IllegalStateException(where + " has no amount"))),
        o.script().orElseThrow(() -> new IllegalStateException(where + " has no script")));
  }
}
