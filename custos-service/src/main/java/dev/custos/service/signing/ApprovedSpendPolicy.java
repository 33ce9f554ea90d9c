package dev.custos.service.signing;

import dev.custos.core.policy.Policy;
import java.util.OptionalLong;

/**
 * The policy a quorum-approved spend is judged by: the policy in force without its approval
 * threshold ({@code approval.above-amount}), which the approvers have just answered. Every other
 * rule still applies, so a spend that would now be denied (a velocity budget used up meanwhile,
 * a time window) is not signed, and an allowed one carries its debits.
 */
final class ApprovedSpendPolicy {
  private ApprovedSpendPolicy() {}

  static Policy of(Policy p) {
    return new Policy(p.version(), p.unlimited(), p.maxPerTransactionSat(), p.velocity(), p.allowlist(), p.denylist(),
        p.allowUnknownOutputScripts(), p.maxFeeSat(), p.maxFeeRateSatPerVb(), p.maxFeePercent(), p.timeWindows(),
        p.allowedSighashTypes(), p.allowLocktime(), p.inputScriptTypes(), p.outputScriptTypes(), OptionalLong.empty(), p.warnOnly(),
        p.addressBooks());
  }
}
