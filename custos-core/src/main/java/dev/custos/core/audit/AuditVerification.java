package dev.custos.core.audit;

import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of {@link AuditVerifier#verify}: how much of the log is intact and, if it is not,
 * the first broken record and why.
 *
 * @param ok true when every record read is intact (then {@code firstBrokenSeq} and {@code reason}
 *     are empty; otherwise both are present)
 * @param recordsChecked records found intact, i.e. the length of the intact prefix
 * @param checkpointsChecked valid checkpoints in that prefix
 * @param lastSeq sequence number of the last intact record; empty when none is
 * @param unsealedTail intact records after the last valid checkpoint (all of them when there is
 *     none): records an attacker holding the store could have truncated or rewritten unnoticed.
 *     Not an error.
 * @param checkpointKey the key the checkpoints were checked against: the expected key when one
 *     was given, otherwise the key of the first valid checkpoint, which the caller should compare
 *     with the audit public key printed at init
 * @param firstBrokenSeq the position (expected sequence number) of the first broken record
 * @param reason one line naming that record and what is wrong with it, e.g. {@code "record 18:
 *     prevHash does not match record 17"}
 */
public record AuditVerification(
    boolean ok,
    long recordsChecked,
    long checkpointsChecked,
    OptionalLong lastSeq,
    long unsealedTail,
    Optional<XonlyPublicKey> checkpointKey,
    OptionalLong firstBrokenSeq,
    Optional<String> reason) {

  public AuditVerification {
    if (lastSeq == null || checkpointKey == null || firstBrokenSeq == null || reason == null) {
      throw new IllegalArgumentException("audit verification is incomplete");
    }
    if (ok != firstBrokenSeq.isEmpty() || ok != reason.isEmpty()) {
      throw new IllegalArgumentException("an audit verification has a broken record and a reason exactly when it is not ok");
    }
    if (recordsChecked < 0 || checkpointsChecked < 0 || unsealedTail < 0
        || checkpointsChecked + unsealedTail > recordsChecked) {
      throw new IllegalArgumentException("audit verification counts are inconsistent");
    }
  }
}
