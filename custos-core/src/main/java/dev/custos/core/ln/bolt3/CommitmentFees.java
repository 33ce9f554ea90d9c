package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.Satoshi;

/** BOLT 3 "Fee Calculation" and "Trimmed Outputs" for one channel type and feerate. */
public final class CommitmentFees {
  /** Fixed value of each anchor output (BOLT 3 "to_local_anchor and to_remote_anchor Output"). */
  public static final Satoshi ANCHOR_AMOUNT = new Satoshi(330);
  private static final long WEIGHT_PER_HTLC = 172;

  private CommitmentFees() {}

  /** HTLC-timeout fee: 0 with anchors, else {@code feerate * 663 / 1000}. */
  public static Satoshi htlcTimeoutFee(ChannelType type, FeeratePerKw feerate) {
    return type.hasAnchors() ? new Satoshi(0) : feerate.feeForWeight(type.htlcTimeoutWeight());
  }

  /** HTLC-success fee: 0 with anchors, else {@code feerate * 703 / 1000}. */
  public static Satoshi htlcSuccessFee(ChannelType type, FeeratePerKw feerate) {
    return type.hasAnchors() ? new Satoshi(0) : feerate.feeForWeight(type.htlcSuccessWeight());
  }

  /** Whether {@code htlc} is trimmed: its amount minus its second-stage fee is below the dust limit. */
  public static boolean isTrimmed(ChannelType type, FeeratePerKw feerate, Satoshi dustLimit, Htlc htlc) {
    Satoshi fee = switch (htlc.direction()) {
      case OFFERED -> htlcTimeoutFee(type, feerate);
      case RECEIVED -> htlcSuccessFee(type, feerate);
    };
    return htlc.amount().truncateToSatoshi().toLong() - fee.toLong() < dustLimit.toLong();
  }

  /** The base commitment fee the funder pays, for {@code untrimmedHtlcs} HTLC outputs. */
  public static Satoshi commitmentFee(ChannelType type, FeeratePerKw feerate, int untrimmedHtlcs) {
    return feerate.feeForWeight(Math.addExact(type.commitmentBaseWeight(), Math.multiplyExact(WEIGHT_PER_HTLC, untrimmedHtlcs)));
  }
}
