package dev.custos.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code frost_nonces} table: one row per (session, participant), inserted UNUSED, marked USED
 * at most once by a conditional update ({@code ... WHERE state = 'UNUSED'}), so that two
 * concurrent attempts cannot both succeed on either backend.
 */
final class FrostNonces {
  private static final String COLUMNS = "session_id, participant, psbt_hash, sealed_nonces, state, created_at_us, used_at_us";
  private static final String ONE = "SELECT " + COLUMNS + " FROM frost_nonces WHERE session_id = ? AND participant = ?";
  private static final String INSERT = "INSERT INTO frost_nonces (" + COLUMNS + ") VALUES (?, ?, ?, ?, 'UNUSED', ?, NULL)"
      + " ON CONFLICT (session_id, participant) DO NOTHING";
  private static final String MARK_USED = "UPDATE frost_nonces SET state = 'USED', used_at_us = ?"
      + " WHERE session_id = ? AND participant = ? AND psbt_hash = ? AND state = 'UNUSED'";

  private FrostNonces() {}

  static Optional<StoredFrostNonces> find(Session s, byte[] sessionId, byte[] participant) throws StoreException {
    try {
      PreparedStatement q = s.prepare(ONE);
      q.setBytes(1, sessionId);
      q.setBytes(2, participant);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("FROST nonces lookup", e);
    }
  }

  static void insertUnused(Session s, StoredFrostNonces nonces) throws StoreException {
    if (nonces.state() != StoredFrostNonces.State.UNUSED) {
      throw new StoreException("put FROST nonces: only UNUSED nonces can be inserted, got " + nonces.state());
    }
    try {
      PreparedStatement insert = s.prepare(INSERT);
      insert.setBytes(1, nonces.sessionId());
      insert.setBytes(2, nonces.participant());
      insert.setBytes(3, nonces.psbtHash());
      insert.setBytes(4, nonces.sealedNonces());
      insert.setLong(5, EpochMicros.floor(nonces.createdAt()));
      if (insert.executeUpdate() == 0) {
        throw new StoreException("put FROST nonces: session " + hex(nonces.sessionId()) + " already has nonces for participant "
            + hex(nonces.participant()));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("put FROST nonces", e);
    }
  }

  static StoredFrostNonces markUsed(Session s, byte[] sessionId, byte[] participant, byte[] psbtHash, Instant at)
      throws StoreException {
    try {
      PreparedStatement update = s.prepare(MARK_USED);
      update.setLong(1, EpochMicros.floor(at));
      update.setBytes(2, sessionId);
      update.setBytes(3, participant);
      update.setBytes(4, psbtHash);
      if (update.executeUpdate() == 1) {
        return find(s, sessionId, participant)
            .orElseThrow(() -> new StoreException("mark FROST nonces used: row vanished in session " + hex(sessionId)));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("mark FROST nonces used", e);
    }
    Optional<StoredFrostNonces> existing = find(s, sessionId, participant);
    String where = "session " + hex(sessionId) + ", participant " + hex(participant);
    if (existing.isEmpty()) {
      throw new StoreException("mark FROST nonces used: no nonces for " + where);
    }
    if (existing.get().state() == StoredFrostNonces.State.USED) {
      throw new StoreException("mark FROST nonces used: nonces for " + where + " were already USED at "
          + existing.get().usedAt().map(Instant::toString).orElse("?"));
    }
    throw new StoreException("mark FROST nonces used: nonces for " + where + " are bound to PSBT hash "
        + hex(existing.get().psbtHash()) + ", not " + hex(psbtHash));
  }

  private static StoredFrostNonces row(ResultSet rs) throws SQLException, StoreException {
    byte[] sessionId = rs.getBytes(1);
    byte[] participant = rs.getBytes(2);
    byte[] psbtHash = rs.getBytes(3);
    byte[] sealed = rs.getBytes(4);
    String state = rs.getString(5);
    long createdAt = rs.getLong(6);
    long usedAt = rs.getLong(7);
    boolean used = !rs.wasNull();
    boolean known = "UNUSED".equals(state) || "USED".equals(state);
    if (sessionId == null || sessionId.length != 32 || participant == null || participant.length != 32 || psbtHash == null
        || psbtHash.length != 32 || sealed == null || sealed.length == 0 || !known || used != "USED".equals(state)) {
      throw new StoreException("FROST nonces row for session " + (sessionId == null ? "?" : hex(sessionId)) + " is corrupt");
    }
    return new StoredFrostNonces(sessionId, participant, psbtHash, sealed, StoredFrostNonces.State.valueOf(state),
        EpochMicros.toInstant(createdAt), used ? Optional.of(EpochMicros.toInstant(usedAt)) : Optional.empty());
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
