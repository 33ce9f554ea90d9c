package dev.custos.service.signing;

import dev.custos.core.audit.AuditRecord;
import dev.custos.store.ReadTx;
import dev.custos.store.StoreException;
import fr.acinq.bitcoin.ByteVector32;

/**
 * The newest audit checkpoint this workflow made or found (its seq and hash), so that "is there a
 * checkpoint at or after seq {@code from}?" is usually answered by reading that one record rather
 * than the last {@code audit.checkpoint-interval} records for every signature.
 *
 * <p>Only a hint: every use hashes the bytes stored at the remembered seq inside the caller's
 * transaction (without decoding them) and trusts the hint only if they are still that checkpoint's
 * bytes. A checkpoint whose transaction was rolled back (or a log changed behind our back)
 * therefore never counts; the caller then falls back to reading the whole range. A {@code false}
 * answer means "unknown", never "none".
 */
final class LastCheckpoint {
  private record Seen(long seq, ByteVector32 hash) {}

  private volatile Seen seen;

  /** Whether the remembered checkpoint is still in the log at a seq {@code >= from}. */
  boolean isAtOrAfter(ReadTx tx, long from) throws StoreException {
    Seen s = seen;
    if (s == null || s.seq() < from) {
      return false;
    }
    // The hash of the bytes stored at that seq: equal only if they are the checkpoint's own bytes.
    return tx.auditRecordHash(s.seq()).filter(s.hash()::equals).isPresent();
  }

  /**
   * Remembers {@code checkpoint}, the newest one the caller just made or found, replacing the
   * previous hint (which may have been rolled back).
   */
  void saw(AuditRecord checkpoint) {
    seen = new Seen(checkpoint.seq(), checkpoint.hash());
  }
}
