package dev.custos.store;

/**
 * Which quorum an approver set is: {@link #ADMIN} decides administrative proposals, {@link #SPEND}
 * decides PENDING_APPROVAL spends (issue 5 §1, §2). Ids are stored.
 */
public enum ApproverRole {
  ADMIN("admin"),
  SPEND("spend");

  private final String id;

  ApproverRole(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  static ApproverRole fromId(String id) throws StoreException {
    for (ApproverRole r : values()) {
      if (r.id.equals(id)) {
        return r;
      }
    }
    throw new StoreException("unknown approver set role '" + id + "'");
  }
}
