package dev.custos.core.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The record types the service writes, with the names stored in {@link AuditRecord#type()}: the
 * audit contract described in docs/audit.md. The names are frozen; a new kind of event is a new
 * constant. Verification does not depend on this list, so a log holding a type unknown to this
 * build still verifies.
 */
public enum AuditType {
  /** A PSBT signing request was received (before any decision). */
  PSBT_REQUEST("psbt.request"),
  /** The policy decided on a request: verdict, policy tags and reasons. */
  POLICY_DECISION("policy.decision"),
  /** Signatures were released to the caller; written before they are returned. */
  SIGNATURE_RELEASE("signature.release"),
  /** A new policy was applied. */
  POLICY_APPLY("policy.apply"),
  /** A keystore was created; carries the audit public key to pin. */
  KEY_INIT("key.init"),
  /** The keystore was unlocked. */
  KEY_UNLOCK("key.unlock"),
  /** A signed checkpoint ({@link AuditCheckpoints}). */
  AUDIT_CHECKPOINT(AuditCheckpoints.TYPE),
  /** A macaroon was baked: a new root key id and the operations and caveats it was minted with. */
  MACAROON_BAKE("macaroon.bake"),
  /** A macaroon root key id was deleted: every macaroon minted under it is revoked. */
  MACAROON_REVOKE("macaroon.revoke"),
  /** An approver set (admin or spend) was set: at init, or by an applied proposal. */
  APPROVER_SET("approval.set"),
  /** A proposal needing a quorum was created: kind, hash, summary, expiry, initiator. */
  PROPOSAL_CREATE("approval.propose"),
  /** An approval or rejection was counted for a proposal. */
  APPROVAL_COUNTED("approval.submit"),
  /** A submitted approval was refused, with its quorum tag. */
  APPROVAL_REFUSED("approval.refused"),
  /** A proposal changed state (scheduled, applied, rejected, cancelled, expired). */
  PROPOSAL_STATE("approval.state"),
  /**
   * A Lightning channel operation was applied: its new state was stored in the same transaction,
   * before any signature or secret left the signer.
   */
  CHANNEL_OPERATION("channel.operation"),
  /** A Lightning channel operation was refused by a channel policy rule; nothing changed. */
  CHANNEL_REFUSAL("channel.refusal"),
  /** A FROST cosigner released a signature share (after its nonces were marked USED). */
  FROST_SHARE_RELEASE("frost.share.release");

  private final String wireName;

  AuditType(String wireName) {
    this.wireName = wireName;
  }

  /** The name stored in records, e.g. {@code policy.decision}. */
  public String wireName() {
    return wireName;
  }

  /** The type stored as {@code wireName}, if this build knows it. */
  public static Optional<AuditType> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }
}
