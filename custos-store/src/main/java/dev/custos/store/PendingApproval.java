package dev.custos.store;

import java.time.Instant;
import java.util.List;

/**
 * A spend waiting for approvers, bound to the exact unsigned transaction ({@code unsignedTxid})
 * and the PSBT that was evaluated (base64), so an approval can never be moved to another
 * transaction. The approval workflow itself arrives with the quorum issue.
 */
public record PendingApproval(String id, String walletId, String unsignedTxid, String psbtBase64, String credential,
    long amountSat, List<String> tags, Instant createdAt, String status) {
  public PendingApproval {
    tags = List.copyOf(tags);
  }
}
