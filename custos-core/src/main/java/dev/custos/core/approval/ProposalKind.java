package dev.custos.core.approval;

import java.util.Optional;

/**
 * What a proposal changes (issue 5 §1 and §2). Ids are stable: they appear in the approval text
 * and in the proposal hash, so renaming one invalidates every signature over it.
 */
public enum ProposalKind {
  SPEND("spend"),
  POLICY_APPLY("policy-apply"),
  ALLOWLIST_CHANGE("allowlist-change"),
  ADDRESS_BOOK_CHANGE("address-book-change"),
  ADMIN_SET_CHANGE("admin-set-change"),
  APPROVER_SET_CHANGE("approver-set-change"),
  ROOT_KEY_OPERATION("root-key-operation"),
  SEED_EXPORT("seed-export"),
  SEALING_CHANGE("sealing-change");

  /** Longest id, which bounds the approval text length. */
  static final int MAX_ID_LENGTH = 19;

  private final String id;

  ProposalKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** True for changes decided by the admin quorum; false for spends (the approver quorum). */
  public boolean administrative() {
    return this != SPEND;
  }

  /** The kind with this exact id. */
  public static Optional<ProposalKind> fromId(String id) {
    for (ProposalKind k : values()) {
      if (k.id.equals(id)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
