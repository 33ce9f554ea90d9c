package dev.custos.service.cosigner;

/**
 * Why a cosigner refused a round: a closed set, each with a stable tag (docs/frost.md). A refusal
 * changes nothing except what its description says (a policy decision is recorded and audited).
 */
public enum CosignerRefusal {
  /** The PSBT does not parse, or the input cannot be signed by the key path (not P2TR, a spent output unknown, sighash type not allowed). */
  PSBT_INVALID("cosigner-psbt-invalid"),
  /** The coordinator named a tweak the cosigner does not derive itself (only BIP86 key-path-only). */
  UNKNOWN_TWEAK("cosigner-unknown-tweak"),
  /** The input does not spend the group's output key, or names another internal key or a merkle root. */
  INPUT_NOT_OURS("cosigner-input-not-ours"),
  /** Round one for this session and participant was already done: one nonce pair per session. */
  SESSION_EXISTS("cosigner-session-exists"),
  /** The signing package's message is not the sighash the cosigner computed from the PSBT. */
  MESSAGE_MISMATCH("cosigner-message-mismatch"),
  /** The PSBT of round two is not the PSBT the round-one nonces are bound to. */
  PSBT_CHANGED("cosigner-psbt-changed"),
  /** The signing package omits this cosigner's commitment. */
  COMMITMENT_MISSING("cosigner-commitment-missing"),
  /** The signing package carries another commitment for this cosigner than the one it made. */
  COMMITMENT_ALTERED("cosigner-commitment-altered"),
  /** Fewer participants than the threshold, or a participant that is not in the group. */
  PARTICIPANTS("cosigner-participants"),
  /** No round-one nonces for this session (never committed, or committed on another node). */
  NONCE_UNKNOWN("cosigner-nonce-unknown"),
  /** The session's nonces were already USED: a nonce signs once, even across a crash. */
  NONCE_USED("cosigner-nonce-used"),
  /** The cosigner's own policy did not allow the spend (DENY or PENDING_APPROVAL); its tags follow. */
  POLICY_DENIED("cosigner-policy-denied"),
  /** The computed share did not verify against this cosigner's verifying share; nothing released. */
  SHARE_INVALID("cosigner-share-invalid"),
  /** A DKG request this participant refused: another ceremony, a bad package, envelope or certificate (the FROST error kind follows). */
  DKG_REFUSED("cosigner-dkg-refused"),
  /** A share-refresh request this participant refused: another refresh id, a bad commitment, envelope or certificate (the FROST error kind follows). */
  REFRESH_REFUSED("cosigner-refresh-refused"),
  /** A share-repair request this participant refused: another repair, a bad envelope, a repaired share that is not its verifying share (the FROST error kind follows). */
  REPAIR_REFUSED("cosigner-repair-refused");

  private final String tag;

  CosignerRefusal(String tag) {
    this.tag = tag;
  }

  /** The stable tag, e.g. {@code cosigner-nonce-used}. */
  public String tag() {
    return tag;
  }
}
