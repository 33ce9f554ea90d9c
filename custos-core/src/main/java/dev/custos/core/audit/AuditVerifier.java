package dev.custos.core.audit;

import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Verifies an audit log in one streaming pass, in constant memory (it keeps only the previous
 * record), and names the first broken record.
 *
 * <p>Record {@code n} (0-based position in the stream) is intact when, in this order:
 * <ol>
 *   <li>its {@code seq} is {@code n};
 *   <li>its {@code hash} is the SHA-256 of its canonical bytes;
 *   <li>its {@code prevHash} is record {@code n-1}'s hash, or 32 zero bytes for record 0;
 *   <li>if it is a checkpoint ({@value AuditCheckpoints#TYPE}): it is not record 0, it is well
 *       formed and covers record {@code n-1}, its key is the expected key (or, without one, the key
 *       of the first checkpoint), and its BIP340 signature verifies (libsecp256k1).
 * </ol>
 * Verification stops at the first record that is not intact; nothing after it can be trusted.
 *
 * <p>What this proves, and what it does not, is in docs/audit.md: without a checkpoint after them,
 * the last records can be truncated or rewritten by whoever holds the store, and without an
 * expected key the checkpoint key is only trusted on first use.
 */
public final class AuditVerifier {
  private AuditVerifier() {}

  /**
   * Verifies {@code recordsInOrder} from record 0. {@code expectedKey} is the wallet's audit key
   * ({@link AuditKey#publicKey()}), pinned at init; when empty, every checkpoint must carry the key
   * of the first one.
   */
  public static AuditVerification verify(Iterator<AuditRecord> recordsInOrder, Optional<XonlyPublicKey> expectedKey) {
    AuditRecord prev = null;
    long checked = 0;
    long checkpoints = 0;
    long unsealed = 0;
    Optional<XonlyPublicKey> pinned = expectedKey;
    long pinnedAt = -1;
    while (recordsInOrder.hasNext()) {
      AuditRecord record = recordsInOrder.next();
      Optional<String> broken = chainProblem(record, prev, checked);
      boolean checkpoint = broken.isEmpty() && record.type().equals(AuditCheckpoints.TYPE);
      if (checkpoint) {
        broken = checkpointProblem(record, prev, pinned, pinnedAt);
      }
      if (broken.isPresent()) {
        return new AuditVerification(false, checked, checkpoints, lastSeq(prev), unsealed, pinned,
            OptionalLong.of(checked), broken);
      }
      if (checkpoint) {
        if (pinned.isEmpty()) {
          pinned = AuditCheckpoints.keyOf(record);
          pinnedAt = record.seq();
        }
        checkpoints++;
        unsealed = 0;
      } else {
        unsealed++;
      }
      prev = record;
      checked++;
    }
    return new AuditVerification(true, checked, checkpoints, lastSeq(prev), unsealed, pinned,
        OptionalLong.empty(), Optional.empty());
  }

  private static Optional<String> chainProblem(AuditRecord record, AuditRecord prev, long expected) {
    if (record == null) {
      return Optional.of("record " + expected + ": missing (null)");
    }
    if (record.seq() > expected) {
      return Optional.of("record " + record.seq() + ": sequence gap (expected " + expected + ")");
    }
    if (record.seq() < expected) {
      return Optional.of("record " + record.seq() + ": sequence out of order (expected " + expected + ")");
    }
    if (!hashMatches(record)) {
      return Optional.of("record " + expected + ": hash does not match its contents");
    }
    if (prev == null && !record.prevHash().equals(AuditRecord.GENESIS_PREV)) {
      return Optional.of("record 0: prevHash is not the genesis value (32 zero bytes)");
    }
    if (prev != null && !record.prevHash().equals(prev.hash())) {
      return Optional.of("record " + expected + ": prevHash does not match record " + prev.seq());
    }
    return Optional.empty();
  }

  private static Optional<String> checkpointProblem(
      AuditRecord checkpoint, AuditRecord head, Optional<XonlyPublicKey> pinned, long pinnedAt) {
    String at = "record " + checkpoint.seq() + ": ";
    if (head == null) {
      return Optional.of(at + "a checkpoint cannot be the first record");
    }
    Optional<String> malformed = AuditCheckpoints.malformation(checkpoint, head);
    if (malformed.isPresent()) {
      return malformed.map(m -> at + m);
    }
    XonlyPublicKey key = AuditCheckpoints.keyOf(checkpoint).orElseThrow();
    if (pinned.isPresent() && !pinned.get().equals(key)) {
      return Optional.of(at + (pinnedAt < 0
          ? "checkpoint key differs from the wallet's audit key"
          : "checkpoint key differs from the key of the first checkpoint (record " + pinnedAt + ")"));
    }
    if (!AuditCheckpoints.signatureValid(checkpoint, head)) {
      return Optional.of(at + "checkpoint signature invalid");
    }
    return Optional.empty();
  }

  /** A record whose fields cannot be encoded (a string over the length bound) has no valid hash. */
  private static boolean hashMatches(AuditRecord record) {
    try {
      return record.hashMatches();
    } catch (IllegalArgumentException unencodable) {
      return false;
    }
  }

  private static OptionalLong lastSeq(AuditRecord last) {
    return last == null ? OptionalLong.empty() : OptionalLong.of(last.seq());
  }
}
