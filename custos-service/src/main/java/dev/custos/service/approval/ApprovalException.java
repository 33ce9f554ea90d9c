package dev.custos.service.approval;

import dev.custos.core.approval.QuorumTag;
import java.util.Optional;

/**
 * A quorum request could not be done; nothing changed except, for {@link Kind#REFUSED}, the audit
 * record of the refusal. {@link #kind()} is a closed set; a refused approval carries its
 * {@link QuorumTag}. Messages name the proposal, the approver and the reason, never secrets.
 */
public final class ApprovalException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /** No proposal has this id (or the prefix is ambiguous). */
    NOT_FOUND,
    /** The request is malformed (key, signature format, set, payload). */
    INVALID,
    /** The approval does not count; see {@link #tag()}. */
    REFUSED,
    /** The proposal is closed (applied, rejected, cancelled or expired) or no quorum is configured. */
    CLOSED
  }

  private final Kind kind;
  private final transient Optional<QuorumTag> tag;

  public ApprovalException(Kind kind, String message) {
    super(message);
    this.kind = kind;
    this.tag = Optional.empty();
  }

  public ApprovalException(QuorumTag tag, String message) {
    super(message);
    this.kind = Kind.REFUSED;
    this.tag = Optional.of(tag);
  }

  public Kind kind() {
    return kind;
  }

  public Optional<QuorumTag> tag() {
    return tag;
  }
}
