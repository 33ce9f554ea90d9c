package dev.custos.core.ln.bolt3;

/**
 * The commitment format of a channel, the only two this engine builds (BOLT 3 with the BOLT 9
 * features {@code option_static_remotekey} and {@code option_anchors_zero_fee_htlc_tx}). Legacy
 * commitments (a per-commitment {@code remotepubkey}) and plain {@code option_anchor_outputs}
 * (HTLC transactions paying their own fee) are refused by {@link ChannelTypeBits#parse(byte[])}
 * and cannot be represented here at all.
 */
public sealed interface ChannelType permits ChannelType.StaticRemoteKey, ChannelType.AnchorsZeroFeeHtlcTx {

  /** {@code option_static_remotekey}: {@code to_remote} is a P2WPKH to the payment basepoint. */
  record StaticRemoteKey() implements ChannelType {}

  /**
   * {@code option_anchors} (BOLT 9 bits 22/23, with static_remotekey): two 330-sat anchors, a
   * 1-CSV {@code to_remote}, 1-CSV HTLC outputs, zero-fee HTLC transactions whose remote signature
   * uses {@code SIGHASH_SINGLE|SIGHASH_ANYONECANPAY}.
   */
  record AnchorsZeroFeeHtlcTx() implements ChannelType {}

  ChannelType STATIC_REMOTE_KEY = new StaticRemoteKey();
  ChannelType ANCHORS_ZERO_FEE_HTLC_TX = new AnchorsZeroFeeHtlcTx();

  /** Whether the commitment carries anchors and CSV-1 locks (BOLT 3 "if option_anchors applies"). */
  default boolean hasAnchors() {
    return switch (this) {
      case StaticRemoteKey s -> false;
      case AnchorsZeroFeeHtlcTx a -> true;
    };
  }

  /** BOLT 3 "Fee Calculation": 724, or 1124 with anchors, before 172 per untrimmed HTLC. */
  default long commitmentBaseWeight() {
    return hasAnchors() ? 1124 : 724;
  }

  /** BOLT 3 "Fee Calculation": expected HTLC-timeout weight (663), 0 fee with anchors. */
  default long htlcTimeoutWeight() {
    return hasAnchors() ? 666 : 663;
  }

  /** BOLT 3 "Fee Calculation": expected HTLC-success weight (703), 0 fee with anchors. */
  default long htlcSuccessWeight() {
    return hasAnchors() ? 706 : 703;
  }

  /** Input nSequence of HTLC transactions and of 1-CSV spends: 1 with anchors, 0 otherwise. */
  default long htlcTxSequence() {
    return hasAnchors() ? 1 : 0;
  }
}
