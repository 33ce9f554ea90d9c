package dev.custos.core.ln.bolt3;

import java.util.List;

/**
 * The semantic content of one commitment transaction, from its broadcaster's point of view (BOLT 3
 * "local"): balances before the fee and anchors are taken from the funder, the committed HTLCs
 * (already excluded from the balances), the feerate and the commitment number.
 *
 * @param commitmentNumber 0 for the first commitment, at most {@code 2^48 - 1}
 */
public record CommitmentSpec(
    long commitmentNumber, FeeratePerKw feerate, MilliSatoshi toLocal, MilliSatoshi toRemote, List<Htlc> htlcs) {

  public CommitmentSpec {
    if (commitmentNumber < 0 || commitmentNumber > PerCommitmentSecrets.MAX_INDEX) {
      throw new IllegalArgumentException("commitment number must be in [0, 2^48-1], got " + commitmentNumber);
    }
    if (feerate == null || toLocal == null || toRemote == null || htlcs == null) {
      throw new IllegalArgumentException("commitment spec fields must all be present");
    }
    htlcs = List.copyOf(htlcs);
  }
}
