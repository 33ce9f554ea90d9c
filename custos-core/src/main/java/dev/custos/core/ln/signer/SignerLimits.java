package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.ByteVector;
import java.util.Set;

/**
 * The operator's bounds for the Lightning signer's range rules (VLS {@code SimplePolicy}).
 *
 * @param minDelay smallest {@code to_self_delay} accepted for either side
 *     ({@code policy-channel-contest-delay-range-*})
 * @param maxDelay largest {@code to_self_delay} accepted for either side
 * @param minFeeratePerKw smallest commitment and sweep {@code feerate_per_kw}
 *     ({@code policy-commitment-fee-range}, {@code policy-sweep-fee-range})
 * @param maxFeeratePerKw largest commitment and sweep {@code feerate_per_kw}
 * @param maxHtlcs most HTLCs one commitment may carry ({@code policy-commitment-htlc-count-limit})
 * @param maxInFlightMsat most total HTLC value on one commitment
 *     ({@code policy-commitment-htlc-inflight-limit})
 * @param maxMutualCloseFeeSat largest mutual-close fee ({@code policy-mutual-fee-range})
 * @param approvedDestinations scriptPubKeys of the operator's own wallet and of allowlisted
 *     destinations: the only places a mutual close or a sweep may pay our funds
 */
public record SignerLimits(
    int minDelay,
    int maxDelay,
    long minFeeratePerKw,
    long maxFeeratePerKw,
    int maxHtlcs,
    long maxInFlightMsat,
    long maxMutualCloseFeeSat,
    Set<ByteVector> approvedDestinations) {

  public SignerLimits {
    if (minDelay < 1 || maxDelay < minDelay || maxDelay > 0xffff) {
      throw new IllegalArgumentException("delay range must satisfy 1 <= min <= max <= 65535, got [" + minDelay + ", " + maxDelay + "]");
    }
    if (minFeeratePerKw < 0 || maxFeeratePerKw < minFeeratePerKw) {
      throw new IllegalArgumentException("feerate range must satisfy 0 <= min <= max, got [" + minFeeratePerKw + ", " + maxFeeratePerKw + "]");
    }
    if (maxHtlcs < 0 || maxInFlightMsat < 0 || maxMutualCloseFeeSat < 0) {
      throw new IllegalArgumentException("HTLC and fee limits must be >= 0");
    }
    approvedDestinations = Set.copyOf(approvedDestinations);
  }

  /**
   * Custos defaults: delays 144..2016 blocks, feerates 253..151000 sat/kw, 1000 HTLCs (BOLT 2
   * allows 483 each way), 100,000,000,000 msat (1 BTC) in flight, mutual-close fee up to 100,000
   * sat; with the given approved destinations.
   */
  public static SignerLimits defaults(Set<ByteVector> approvedDestinations) {
    return new SignerLimits(144, 2016, 253, 151_000, 1000, 100_000_000_000L, 100_000, approvedDestinations);
  }

  public boolean approves(ByteVector scriptPubKey) {
    return approvedDestinations.contains(scriptPubKey);
  }
}
