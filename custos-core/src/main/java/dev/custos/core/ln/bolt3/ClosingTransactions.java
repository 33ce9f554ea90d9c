package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Mutual-close transactions (BOLT 3 "Legacy Closing Transaction" and "Closing Transaction").
 * Outputs are rounded down to whole satoshis and sorted as BOLT 3 "Transaction Output Ordering".
 */
public final class ClosingTransactions {
  private static final long SEQUENCE_FINAL = 0xffffffffL;
  private static final long SEQUENCE_RBF = 0xfffffffdL;
  private static final int OP_RETURN = 0x6a;

  private ClosingTransactions() {}

  /**
   * {@code closing_signed}: version 2, locktime 0, sequence 0xFFFFFFFF; the funder's output pays
   * {@code fee}; outputs below {@code dustLimit} (the signer's own) are removed.
   *
   * @throws IllegalArgumentException when the funder's balance is below the fee
   */
  public static ClosingTransaction legacy(ChannelParameters params, MilliSatoshi holderBalance,
      MilliSatoshi counterpartyBalance, ByteVector holderScript, ByteVector counterpartyScript, Satoshi fee,
      Satoshi dustLimit) {
    long holder = holderBalance.truncateToSatoshi().toLong();
    long counterparty = counterpartyBalance.truncateToSatoshi().toLong();
    if (params.funder() == Side.HOLDER) {
      holder = payFee(holder, fee);
    } else {
      counterparty = payFee(counterparty, fee);
    }
    List<TxOut> outs = new ArrayList<>();
    if (holder >= dustLimit.toLong()) {
      outs.add(new TxOut(new Satoshi(holder), holderScript));
    }
    if (counterparty >= dustLimit.toLong()) {
      outs.add(new TxOut(new Satoshi(counterparty), counterpartyScript));
    }
    return build(params, outs, 0, SEQUENCE_FINAL);
  }

  /**
   * {@code closing_complete} ({@code option_simple_close}): version 2, the given locktime,
   * sequence 0xFFFFFFFD; the closer's output pays {@code fee}; an {@code OP_RETURN} output carries
   * 0 sat; an absent script means that side omitted its output.
   *
   * @throws IllegalArgumentException when the closer's balance is below the fee or no output remains
   */
  public static ClosingTransaction simple(ChannelParameters params, Side closer, MilliSatoshi closerBalance,
      MilliSatoshi closeeBalance, Optional<ByteVector> closerScript, Optional<ByteVector> closeeScript, Satoshi fee,
      long lockTime) {
    if (lockTime < 0 || lockTime > 0xffffffffL) {
      throw new IllegalArgumentException("locktime must be a u32, got " + lockTime);
    }
    long closerAmount = payFee(closerBalance.truncateToSatoshi().toLong(), fee);
    List<TxOut> outs = new ArrayList<>();
    closerScript.ifPresent(s -> outs.add(new TxOut(new Satoshi(isOpReturn(s) ? 0 : closerAmount), s)));
    closeeScript.ifPresent(s -> outs.add(new TxOut(isOpReturn(s) ? new Satoshi(0) : closeeBalance.truncateToSatoshi(), s)));
    if (outs.isEmpty()) {
      throw new IllegalArgumentException("closing transaction for closer " + closer + " has no output");
    }
    return build(params, outs, lockTime, SEQUENCE_RBF);
  }

  private static long payFee(long balance, Satoshi fee) {
    if (fee.toLong() < 0 || balance < fee.toLong()) {
      throw new IllegalArgumentException("closing fee " + fee.toLong() + " sat is negative or above the payer's balance " + balance + " sat");
    }
    return balance - fee.toLong();
  }

  private static boolean isOpReturn(ByteVector script) {
    return script.size() > 0 && (script.get(0) & 0xff) == OP_RETURN;
  }

  private static ClosingTransaction build(ChannelParameters params, List<TxOut> outs, long lockTime, long sequence) {
    outs.sort((a, b) -> {
      int c = Long.compare(a.amount.toLong(), b.amount.toLong());
      return c != 0 ? c : Bolt3Scripts.compare(a.publicKeyScript.toByteArray(), b.publicKeyScript.toByteArray());
    });
    TxIn in = new TxIn(params.fundingOutpoint(), new byte[0], sequence);
    Transaction tx = new Transaction(2, List.of(in), outs, lockTime);
    var holder = params.holder().keys().fundingPubkey();
    var counterparty = params.counterparty().keys().fundingPubkey();
    return new ClosingTransaction(tx, Bolt3Scripts.funding(holder, counterparty), params.fundingAmount(), holder, counterparty);
  }
}
