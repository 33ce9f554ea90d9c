package dev.custos.core.approval;

/** An approval was refused; {@link #tag()} says why, the message names the approver and request. */
public final class ApprovalRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final QuorumTag tag;

  public ApprovalRefusedException(QuorumTag tag, String message) {
    super(tag.id() + ": " + message);
    this.tag = tag;
  }

  public QuorumTag tag() {
    return tag;
  }
}
