package dev.custos.core.ln.signer;

import dev.custos.core.policy.PolicyTag;

/**
 * The Lightning signer's rules, each with the tag VLS gives it (VLS docs/policy-controls.md,
 * vls-core/src/policy/simple_validator.rs), so operators who know VLS recognise them. A closed
 * set: every refusal of {@link ChannelSigner} names exactly one. Tags are frozen.
 *
 * <p>VLS has no rules for BOLT 7 {@code channel_announcement}; the {@code policy-announcement-*}
 * tags are Custos's own, named like VLS's ({@code policy-<area>-<what>}): see
 * {@link ChannelCommand.SignChannelAnnouncement}.
 */
public enum LnPolicy {
  GENERIC_ERROR("policy-generic-error"),
  OPTIONAL_FAIL_FAST("policy-optional-fail-fast"),
  CHANNEL_SAFE_TYPE("policy-channel-safe-type"),
  CHANNEL_CONTEST_DELAY_RANGE_HOLDER("policy-channel-contest-delay-range-holder"),
  CHANNEL_CONTEST_DELAY_RANGE_COUNTERPARTY("policy-channel-contest-delay-range-counterparty"),
  ONCHAIN_OUTPUT_SCRIPTPUBKEY("policy-onchain-output-scriptpubkey"),
  ONCHAIN_INITIAL_COMMITMENT_COUNTERSIGNED("policy-onchain-initial-commitment-countersigned"),
  ANNOUNCEMENT_FORMAT("policy-announcement-format"),
  ANNOUNCEMENT_CHAIN_HASH("policy-announcement-chain-hash"),
  ANNOUNCEMENT_CHANNEL_OPEN("policy-announcement-channel-open"),
  ANNOUNCEMENT_NODE_ID("policy-announcement-node-id"),
  ANNOUNCEMENT_FUNDING_PUBKEY("policy-announcement-funding-pubkey"),
  ANNOUNCEMENT_SHORT_CHANNEL_ID("policy-announcement-short-channel-id"),
  COMMITMENT_VERSION("policy-commitment-version"),
  COMMITMENT_LOCKTIME("policy-commitment-locktime"),
  COMMITMENT_SEQUENCE("policy-commitment-sequence"),
  COMMITMENT_SCRIPTS("policy-commitment-scripts"),
  COMMITMENT_OTHER("policy-commitment-other"),
  COMMITMENT_INPUT_SINGLE("policy-commitment-input-single"),
  COMMITMENT_INPUT_MATCH_FUNDING("policy-commitment-input-match-funding"),
  COMMITMENT_INITIAL_FUNDING_VALUE("policy-commitment-initial-funding-value"),
  COMMITMENT_SINGULAR_TO_HOLDER("policy-commitment-singular-to-holder"),
  COMMITMENT_SINGULAR_TO_COUNTERPARTY("policy-commitment-singular-to-counterparty"),
  COMMITMENT_NO_UNRECOGNIZED_OUTPUTS("policy-commitment-no-unrecognized-outputs"),
  COMMITMENT_FIRST_NO_HTLCS("policy-commitment-first-no-htlcs"),
  COMMITMENT_HTLC_INFLIGHT_LIMIT("policy-commitment-htlc-inflight-limit"),
  COMMITMENT_FEE_RANGE("policy-commitment-fee-range"),
  COMMITMENT_HTLC_COUNT_LIMIT("policy-commitment-htlc-count-limit"),
  COMMITMENT_REVOCATION_PUBKEY("policy-commitment-revocation-pubkey"),
  COMMITMENT_TO_SELF_DELAY_RANGE("policy-commitment-to-self-delay-range"),
  COMMITMENT_BROADCASTER_PUBKEY("policy-commitment-broadcaster-pubkey"),
  COMMITMENT_COUNTERSIGNATORY_PUBKEY("policy-commitment-countersignatory-pubkey"),
  COMMITMENT_HTLC_REVOCATION_PUBKEY("policy-commitment-htlc-revocation-pubkey"),
  COMMITMENT_HTLC_COUNTERPARTY_HTLC_PUBKEY("policy-commitment-htlc-counterparty-htlc-pubkey"),
  COMMITMENT_HTLC_HOLDER_HTLC_PUBKEY("policy-commitment-htlc-holder-htlc-pubkey"),
  COMMITMENT_OUTPUTS_TRIMMED("policy-commitment-outputs-trimmed"),
  COMMITMENT_PREVIOUS_REVOKED("policy-commitment-previous-revoked"),
  COMMITMENT_HOLDER_NOT_REVOKED("policy-commitment-holder-not-revoked"),
  COMMITMENT_RETRY_SAME("policy-commitment-retry-same"),
  COMMITMENT_ANCHORS_NOT_WHEN_OFF("policy-commitment-anchors-not-when-off"),
  COMMITMENT_ANCHOR_AMOUNT("policy-commitment-anchor-amount"),
  COMMITMENT_ANCHOR_MATCH_FUNDINGKEY("policy-commitment-anchor-match-fundingkey"),
  REVOKE_NEW_COMMITMENT_SIGNED("policy-revoke-new-commitment-signed"),
  REVOKE_NOT_CLOSED("policy-revoke-not-closed"),
  HTLC_VERSION("policy-htlc-version"),
  HTLC_LOCKTIME("policy-htlc-locktime"),
  HTLC_SEQUENCE("policy-htlc-sequence"),
  HTLC_OTHER("policy-htlc-other"),
  HTLC_REVOCATION_PUBKEY("policy-htlc-revocation-pubkey"),
  HTLC_TO_SELF_DELAY("policy-htlc-to-self-delay"),
  HTLC_DELAYED_PUBKEY("policy-htlc-delayed-pubkey"),
  HTLC_FEE_RANGE("policy-htlc-fee-range"),
  MUTUAL_DESTINATION_ALLOWLISTED("policy-mutual-destination-allowlisted"),
  MUTUAL_VALUE_MATCHES_COMMITMENT("policy-mutual-value-matches-commitment"),
  MUTUAL_FEE_RANGE("policy-mutual-fee-range"),
  COMMITMENT_HTLC_ROUTING_BALANCE("policy-commitment-htlc-routing-balance"),
  COMMITMENT_PAYMENT_INVOICED("policy-commitment-payment-invoiced"),
  COMMITMENT_PAYMENT_VELOCITY("policy-commitment-payment-velocity"),
  INVOICE_NOT_EXPIRED("policy-invoice-not-expired"),
  MUTUAL_NO_PENDING_HTLCS("policy-mutual-no-pending-htlcs"),
  MUTUAL_OTHER("policy-mutual-other"),
  SWEEP_VERSION("policy-sweep-version"),
  SWEEP_SEQUENCE("policy-sweep-sequence"),
  SWEEP_LOCKTIME("policy-sweep-locktime"),
  SWEEP_DESTINATION_ALLOWLISTED("policy-sweep-destination-allowlisted"),
  SWEEP_FEE_RANGE("policy-sweep-fee-range"),
  SWEEP_OTHER("policy-sweep-other");

  private final PolicyTag tag;

  LnPolicy(String tag) {
    this.tag = new PolicyTag(tag);
  }

  public PolicyTag tag() {
    return tag;
  }
}
