package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Signatures;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.SigHash;
import fr.acinq.bitcoin.Transaction;

/**
 * Signs one input of a sweep that spends an output already paying the node's destination key, a
 * P2WPKH (LDK 0.0.106's {@code SpendableOutputDescriptor.StaticOutput}: a mutual close, a justice
 * transaction or an HTLC claim that paid our destination script). It is no channel operation: the
 * output left the channel already, so there is no channel state to rebuild it from; its key is
 * the destination key itself and the signature commits to the input's amount (BIP143).
 *
 * <p>The same whole-transaction rules as {@code SignSweepInput} apply, so funds that reached our
 * destination can only move to an approved destination again: version 2
 * ({@code policy-sweep-version}); every output our wallet or the allowlist
 * ({@code policy-sweep-destination-allowlisted}); nLockTime a block height
 * ({@code policy-sweep-locktime}); the input's nSequence 0, 0xfffffffd or 0xffffffff
 * ({@code policy-sweep-sequence}); the fee bound of {@code SweepInputSigning}
 * ({@code policy-sweep-fee-range}); an input index outside the transaction is
 * {@code policy-sweep-other}.
 */
public final class DestinationInputSigning {
  private DestinationInputSigning() {}

  /**
   * @param destinationKey the destination private key (lent, not closed)
   * @return the DER signature, without sighash byte (SIGHASH_ALL)
   * @throws ChannelPolicyException naming the rule that refuses the transaction
   */
  public static ByteVector sign(Transaction tx, int input, Satoshi amount, SecretBytes destinationKey, SignerLimits limits)
      throws ChannelPolicyException {
    String who = "destination sweep";
    SweepInputSigning.checkTransaction(who, tx, input, limits);
    SweepInputSigning.checkFormat(tx, input, SweepInputSigning.PLAIN_SEQUENCES, 0);
    SweepInputSigning.checkFee(who, tx, input, amount, limits);
    ByteVector scriptCode = new ByteVector(Script.write(Script.pay2pkh(KeyDerivation.publicKeyOf(destinationKey))));
    return Bolt3Signatures.sign(tx, input, scriptCode, amount, SigHash.SIGHASH_ALL, destinationKey);
  }
}
