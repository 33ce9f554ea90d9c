package dev.custos.core.approval;

/** Why an approval (or the whole proposal) was refused. Stable ids for audit records and errors. */
public enum QuorumTag {
  /** The proposal was already applied: its approvals cannot be used again. */
  REPLAYED("approval-replayed"),
  /** The proposal's expiry has passed. */
  EXPIRED("approval-expired"),
  /** The approver id is not in the approver set. */
  UNKNOWN_APPROVER("approval-unknown-approver"),
  /** The approver is the credential that initiated the request. */
  SELF_APPROVAL("approval-self-approval"),
  /** The approver already submitted this action. */
  DUPLICATE_APPROVER("approval-duplicate-approver"),
  /** The submitted signed text is for another request, kind, network, action, expiry or summary. */
  WRONG_REQUEST("approval-wrong-request"),
  /** The submitted signed text is not an approval text. */
  TEXT_MALFORMED("approval-text-malformed"),
  /** The signature does not prove the approver's key over this proposal's text. */
  SIGNATURE_INVALID("approval-signature-invalid");

  private final String id;

  QuorumTag(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
