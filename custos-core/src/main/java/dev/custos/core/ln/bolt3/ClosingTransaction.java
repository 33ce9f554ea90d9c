package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;

/** An unsigned mutual-close transaction spending the funding output. */
public record ClosingTransaction(
    Transaction tx, ByteVector fundingScript, Satoshi fundingAmount, PublicKey holderFundingKey, PublicKey counterpartyFundingKey) {

  /** The transaction with the 2-of-2 funding witness (signatures DER, SIGHASH_ALL appended). */
  public Transaction withFundingWitness(ByteVector holderSignature, ByteVector counterpartySignature) {
    return tx.updateWitness(0, FundingWitness.of(holderFundingKey, holderSignature, counterpartyFundingKey,
        counterpartySignature, fundingScript));
  }
}
