package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.CommitmentSpec;
import fr.acinq.bitcoin.PublicKey;

/**
 * A counterparty commitment we signed and whose secret we have not received yet: its content (from
 * the counterparty's point of view) and the {@code per_commitment_point} it was keyed with, which
 * the revealed secret must match.
 */
public record CounterpartyCommitment(CommitmentSpec spec, PublicKey point) {
  public CounterpartyCommitment {
    if (spec == null || point == null) {
      throw new IllegalArgumentException("a signed counterparty commitment needs its spec and point");
    }
  }

  public long number() {
    return spec.commitmentNumber();
  }
}
