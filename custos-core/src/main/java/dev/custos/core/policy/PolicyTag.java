package dev.custos.core.policy;

/**
 * A stable rule identifier, {@code policy-<area>-<rule>} (VLS style). Tags appear in decisions,
 * audit records, exit messages and {@code warn-only} lists; never rename one.
 */
public record PolicyTag(String value) implements Comparable<PolicyTag> {
  public static final PolicyTag NONE_APPLIED = new PolicyTag("policy-none-applied");
  public static final PolicyTag AMOUNT_MAX_PER_TX = new PolicyTag("policy-amount-max-per-tx");
  public static final PolicyTag DESTINATION_DENIED = new PolicyTag("policy-destination-denied");
  public static final PolicyTag DESTINATION_NOT_ALLOWED = new PolicyTag("policy-destination-not-allowlisted");
  public static final PolicyTag OUTPUT_CHANGE_UNVERIFIED = new PolicyTag("policy-output-change-unverified");
  public static final PolicyTag OUTPUT_UNKNOWN_SCRIPT = new PolicyTag("policy-output-unknown-script");
  public static final PolicyTag OUTPUT_SCRIPT_TYPE = new PolicyTag("policy-output-script-type");
  public static final PolicyTag INPUT_SCRIPT_TYPE = new PolicyTag("policy-input-script-type");
  public static final PolicyTag FEE_UNKNOWN = new PolicyTag("policy-fee-unknown");
  public static final PolicyTag FEE_ABSOLUTE = new PolicyTag("policy-fee-absolute");
  public static final PolicyTag FEE_RATE = new PolicyTag("policy-fee-rate");
  public static final PolicyTag FEE_PERCENT = new PolicyTag("policy-fee-percent");
  public static final PolicyTag TIME_WINDOW = new PolicyTag("policy-time-window");
  public static final PolicyTag TX_SIGHASH = new PolicyTag("policy-tx-sighash");
  public static final PolicyTag TX_LOCKTIME = new PolicyTag("policy-tx-locktime");
  public static final PolicyTag APPROVAL_AMOUNT = new PolicyTag("policy-approval-amount");

  public PolicyTag {
    if (value == null || !value.matches("policy(-[a-z0-9]+)+")) {
      throw new IllegalArgumentException("policy tag must look like policy-<area>-<rule>: " + value);
    }
  }

  /** The velocity tag for a scope and measure, e.g. {@code policy-velocity-wallet-amount}. */
  public static PolicyTag velocity(VelocityLimit.Scope scope, boolean amount) {
    return new PolicyTag("policy-velocity-" + scope.id() + (amount ? "-amount" : "-count"));
  }

  @Override
  public int compareTo(PolicyTag o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
