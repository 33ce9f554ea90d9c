package dev.custos.core.approval;

import java.util.Optional;

/**
 * What an approver says about a proposal. A REJECT before the proposal is applied refuses it: it
 * is the rejection of a spend, the veto during a spend delay and the cancellation of a scheduled
 * cool-down alike (issue 5 §1, §2). The id is part of the signed text.
 */
public enum ApprovalAction {
  APPROVE("approve"),
  REJECT("reject");

  private final String id;

  ApprovalAction(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<ApprovalAction> fromId(String id) {
    for (ApprovalAction a : values()) {
      if (a.id.equals(id)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
