package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.SigHash;
import fr.acinq.bitcoin.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * An unsigned one-input, one-output sweep of a BOLT 3 output.
 *
 * @param witnessScript the script of the spent output; for P2WPKH the BIP143 scriptCode (P2PKH)
 * @param spentAmount the value of the spent output
 */
public record SweepTransaction(Transaction tx, SpendPath path, ByteVector witnessScript, Satoshi spentAmount) {

  private boolean isP2wpkh() {
    return path instanceof SpendPath.ToRemoteP2wpkh;
  }

  /**
   * The transaction with its witness; {@code signature} is DER without sighash byte (SIGHASH_ALL
   * is appended), or {@code null} for a path that needs none.
   */
  public Transaction withWitness(ByteVector signature) {
    if (path.signed() == (signature == null)) {
      throw new IllegalArgumentException(path.signed() ? "this sweep needs a signature" : "this sweep takes no signature");
    }
    ByteVector sig = signature == null ? null : Bolt3Signatures.withSighash(signature, SigHash.SIGHASH_ALL);
    List<ByteVector> items = new ArrayList<>(path.stack(sig));
    if (!isP2wpkh()) {
      items.add(witnessScript);
    }
    return tx.updateWitness(0, new ScriptWitness(items));
  }
}
