package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import java.util.List;

/**
 * A transaction as the node built it, with the witness script of each output (empty for a P2WPKH
 * output). The signer never signs it: it rebuilds the transaction from semantic parameters, and
 * uses this proposal only to refuse with the precise rule a disagreement breaks.
 */
public record ProposedTransaction(Transaction tx, List<ByteVector> outputWitnessScripts) {
  public ProposedTransaction {
    if (tx == null || outputWitnessScripts == null) {
      throw new IllegalArgumentException("a proposed transaction needs its transaction and output witness scripts");
    }
    outputWitnessScripts = List.copyOf(outputWitnessScripts);
  }
}
