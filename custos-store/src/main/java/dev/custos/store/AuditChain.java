package dev.custos.store;

import dev.custos.core.audit.AuditFormatException;
import dev.custos.core.audit.AuditRecord;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The audit log as stored: one row per record with its canonical bytes, hash and previous hash.
 * Appends must extend the chain; every read decodes the canonical bytes and checks that the stored
 * columns agree with them, so an edited row is reported (naming its seq) rather than returned.
 */
final class AuditChain {
  private static final String INSERT = "INSERT INTO audit (seq, hash, prev_hash, record, recorded_at_us) VALUES (?, ?, ?, ?, ?)";
  private static final String HEAD = "SELECT seq, hash, prev_hash, record FROM audit ORDER BY seq DESC LIMIT 1";
  private static final String RECORD_AT = "SELECT record FROM audit WHERE seq = ?";
  private static final String FROM = "SELECT seq, hash, prev_hash, record FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?";

  private AuditChain() {}

  /**
   * Appends {@code r} after {@code head}, the verified last record (as {@link #head} returned it,
   * or the record the same transaction appended last).
   */
  static void append(Session s, Optional<AuditRecord> head, AuditRecord r) throws StoreException {
    byte[] canonical = r.canonicalBytes();
    if (!r.hash().equals(new ByteVector32(Crypto.sha256(canonical)))) {
      throw new StoreException("audit append: record seq " + r.seq() + " has a hash that does not match its content");
    }
    long expectedSeq = head.map(h -> h.seq() + 1).orElse(0L);
    ByteVector32 expectedPrev = head.map(AuditRecord::hash).orElse(AuditRecord.GENESIS_PREV);
    if (r.seq() != expectedSeq) {
      throw new StoreException("audit append: record seq " + r.seq() + " does not extend the chain (next seq is " + expectedSeq + ")");
    }
    if (!r.prevHash().equals(expectedPrev)) {
      throw new StoreException("audit append: record seq " + r.seq() + " does not link to the head (prevHash differs)");
    }
    try {
      PreparedStatement insert = s.prepare(INSERT);
      insert.setLong(1, r.seq());
      insert.setBytes(2, r.hash().toByteArray());
      insert.setBytes(3, r.prevHash().toByteArray());
      insert.setBytes(4, canonical);
      insert.setLong(5, EpochMicros.floor(r.time()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw JdbcFailure.of("audit append", e);
    }
  }

  static Optional<AuditRecord> head(Session s) throws StoreException {
    try (ResultSet rs = s.prepare(HEAD).executeQuery()) {
      return rs.next() ? Optional.of(verified(rs)) : Optional.empty();
    } catch (SQLException e) {
      throw JdbcFailure.of("audit head", e);
    }
  }

  /** The SHA-256 of the canonical bytes stored at {@code seq}, computed here (see ReadTx#auditRecordHash). */
  static Optional<ByteVector32> hashAt(Session s, long seq) throws StoreException {
    try {
      PreparedStatement q = s.prepare(RECORD_AT);
      q.setLong(1, seq);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(new ByteVector32(Crypto.sha256(rs.getBytes(1)))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("audit record hash", e);
    }
  }

  static List<AuditRecord> from(Session s, long fromSeq, int limit) throws StoreException {
    if (limit < 0) {
      throw new StoreException("audit records: limit " + limit + " is negative");
    }
    List<AuditRecord> records = new ArrayList<>();
    try {
      PreparedStatement q = s.prepare(FROM);
      q.setLong(1, fromSeq);
      q.setInt(2, limit);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          AuditRecord r = verified(rs);
          if (!records.isEmpty() && !r.prevHash().equals(records.getLast().hash())) {
            throw new StoreException("audit record seq " + r.seq() + " does not link to seq " + records.getLast().seq() + ": the log was tampered with");
          }
          records.add(r);
        }
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("audit records", e);
    }
    return records;
  }

  private static AuditRecord verified(ResultSet rs) throws SQLException, StoreException {
    long seq = rs.getLong(1);
    AuditRecord r;
    try {
      r = AuditRecord.decode(rs.getBytes(4));
    } catch (AuditFormatException e) {
      throw new StoreException("audit record seq " + seq + " is corrupt: " + e.getMessage());
    }
    if (r.seq() != seq || !Arrays.equals(rs.getBytes(2), r.hash().toByteArray()) || !Arrays.equals(rs.getBytes(3), r.prevHash().toByteArray())) {
      throw new StoreException("audit record seq " + seq + " was tampered with: its stored hash, prevHash or seq does not match its content");
    }
    return r;
  }
}
