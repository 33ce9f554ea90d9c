package dev.custos.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of an approver set as stored: the approver key ids ({@code ApproverKey#id}, parsed
 * again by the service for its network), the threshold, when and by whom it was set. Versions of
 * a role increase by one; the latest is in force.
 */
public record StoredApproverSet(ApproverRole role, long version, List<String> keyIds, int threshold, Instant setAt, String setBy) {
  public StoredApproverSet {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(setAt, "setAt");
    Objects.requireNonNull(setBy, "setBy");
    keyIds = List.copyOf(keyIds);
    if (version < 1 || threshold < 1 || threshold > keyIds.size()) {
      throw new IllegalArgumentException("approver set: need version >= 1 and 1 <= threshold (" + threshold + ") <= keys (" + keyIds.size() + ")");
    }
  }
}
