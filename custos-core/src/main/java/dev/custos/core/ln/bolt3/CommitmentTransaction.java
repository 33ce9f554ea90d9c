package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import java.util.List;

/**
 * A built, unsigned commitment transaction and its semantics: the outputs in transaction order
 * (BIP69 with the CLTV tiebreak), the keys, the fee and the funding script it spends.
 *
 * @param feerate the feerate it was built with, which its HTLC transactions' fees also use
 * @param baseFee the BOLT 3 base fee charged to the funder
 * @param fee the actual fee: funding amount minus outputs (base fee, anchors not materialized,
 *     trimmed HTLCs and trimmed balances included)
 */
public record CommitmentTransaction(
    Transaction tx,
    Side broadcaster,
    CommitmentKeys keys,
    List<CommitmentOutput> outputs,
    long obscuredCommitmentNumber,
    FeeratePerKw feerate,
    Satoshi baseFee,
    Satoshi fee,
    ByteVector fundingScript,
    Satoshi fundingAmount) {

  public CommitmentTransaction {
    outputs = List.copyOf(outputs);
  }

  /** The HTLC outputs in output order, which is the order of {@code htlc_signatures}. */
  public List<CommitmentOutput.HtlcOutput> htlcOutputs() {
    return outputs.stream()
        .filter(o -> o instanceof CommitmentOutput.HtlcOutput)
        .map(o -> (CommitmentOutput.HtlcOutput) o)
        .toList();
  }

  /**
   * The transaction with the funding witness {@code 0 <sig for pubkey1> <sig for pubkey2>
   * <funding script>}; signatures are DER without the sighash byte (SIGHASH_ALL is appended).
   */
  public Transaction withFundingWitness(ByteVector localSignature, ByteVector remoteSignature) {
    return tx.updateWitness(0, FundingWitness.of(keys.localFundingKey(), localSignature, keys.remoteFundingKey(),
        remoteSignature, fundingScript));
  }
}
