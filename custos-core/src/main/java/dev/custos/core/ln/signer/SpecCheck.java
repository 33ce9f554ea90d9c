package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.Side;

/**
 * The semantic rules on one commitment's content, before anything is built: fee range, HTLC count
 * and in-flight value, the first commitment's shape, and value conservation (balances plus HTLCs
 * equal the funding amount, which the BOLT 3 engine itself does not check).
 */
final class SpecCheck {
  private SpecCheck() {}

  static void check(ChannelParameters params, Side broadcaster, CommitmentSpec spec, SignerLimits limits)
      throws ChannelPolicyException {
    String which = (broadcaster == Side.HOLDER ? "holder" : "counterparty") + " commitment " + spec.commitmentNumber();
    long feerate = spec.feerate().value();
    if (feerate < limits.minFeeratePerKw() || feerate > limits.maxFeeratePerKw()) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_FEE_RANGE, which + " feerate_per_kw=" + feerate + " outside ["
          + limits.minFeeratePerKw() + ", " + limits.maxFeeratePerKw() + "]");
    }
    if (spec.htlcs().size() > limits.maxHtlcs()) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_HTLC_COUNT_LIMIT, which + " carries " + spec.htlcs().size()
          + " HTLCs > max=" + limits.maxHtlcs());
    }
    long inFlight = 0;
    for (Htlc h : spec.htlcs()) {
      inFlight = Math.addExact(inFlight, h.amount().value());
    }
    if (inFlight > limits.maxInFlightMsat()) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_HTLC_INFLIGHT_LIMIT, which + " has " + inFlight
          + " msat in flight > max=" + limits.maxInFlightMsat());
    }
    boolean first = spec.commitmentNumber() == 0;
    if (first && !spec.htlcs().isEmpty()) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_FIRST_NO_HTLCS, which + " is the first and carries "
          + spec.htlcs().size() + " HTLCs");
    }
    long funding = Math.multiplyExact(params.fundingAmount().toLong(), 1000L);
    long total = Math.addExact(Math.addExact(spec.toLocal().value(), spec.toRemote().value()), inFlight);
    if (total != funding) {
      throw new ChannelPolicyException(first ? LnPolicy.COMMITMENT_INITIAL_FUNDING_VALUE : LnPolicy.COMMITMENT_OTHER,
          which + " balances plus HTLCs = " + total + " msat != funding " + funding + " msat");
    }
    long holderBalance = broadcaster == Side.HOLDER ? spec.toLocal().value() : spec.toRemote().value();
    if (first && params.funder() == Side.HOLDER && holderBalance != funding) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_INITIAL_FUNDING_VALUE, which + " gives us " + holderBalance
          + " msat but we funded " + funding + " msat (no push)");
    }
  }
}
