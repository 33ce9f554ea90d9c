package dev.custos.ldk.signer;

import dev.custos.core.ln.bolt3.CommitmentSpec;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Transaction;

/**
 * A commitment a node asks the signer to validate or sign: its semantic content, the
 * broadcaster's per-commitment point, and the unsigned transaction the node built. The signer
 * rebuilds the transaction from {@code spec} and {@code perCommitmentPoint} and refuses when the
 * two differ; {@code proposed} is never signed as such.
 */
public record CommitmentProposal(CommitmentSpec spec, PublicKey perCommitmentPoint, Transaction proposed) {
  public CommitmentProposal {
    if (spec == null || perCommitmentPoint == null || proposed == null) {
      throw new IllegalArgumentException("commitment proposal needs a spec, a per-commitment point and a transaction");
    }
  }
}
