package dev.custos.store;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.approval.Proposal;
import dev.custos.core.approval.ProposalKind;
import dev.custos.core.approval.RequestHash;
import dev.custos.core.keys.Network;
import dev.custos.core.message.SignatureFormat;
import dev.custos.core.message.SignatureRejectedException;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The quorum tables ({@code approver_sets}, {@code proposals}, {@code approvals},
 * {@code spend_proposals}, migration V5). A proposal row is decoded into a {@link Proposal} and its
 * hash recomputed: a row whose fields no longer hash to its key is reported as tampered.
 */
final class ApprovalTables {
  private static final String SET = "SELECT role, version, keys, threshold, set_at_us, set_by FROM approver_sets WHERE role = ?"
      + " ORDER BY version DESC LIMIT 1";
  private static final String INSERT_SET = "INSERT INTO approver_sets (role, version, keys, threshold, set_at_us, set_by) VALUES (?, ?, ?, ?, ?, ?)";
  private static final String PROPOSAL_COLUMNS = "SELECT hash, kind, network, payload, nonce, created_at_us, expires_at_us, summary, initiator,"
      + " state, scheduled_at_us, state_at_us FROM proposals";
  private static final String PROPOSAL = PROPOSAL_COLUMNS + " WHERE hash = ?";
  private static final String PROPOSALS = PROPOSAL_COLUMNS + " ORDER BY created_at_us, hash";
  private static final String INSERT_PROPOSAL = "INSERT INTO proposals (hash, kind, network, payload, nonce, created_at_us, expires_at_us, summary,"
      + " initiator, state, scheduled_at_us, state_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING";
  private static final String UPDATE_STATE = "UPDATE proposals SET state = ?, scheduled_at_us = ?, state_at_us = ? WHERE hash = ?"
      + " AND state IN ('PENDING', 'SCHEDULED')";
  private static final String APPROVALS = "SELECT approver_id, action, format, signature, received_at_us, submitted_by FROM approvals"
      + " WHERE proposal_hash = ? ORDER BY received_at_us, approver_id, action";
  private static final String INSERT_APPROVAL = "INSERT INTO approvals (proposal_hash, approver_id, action, format, signature, received_at_us,"
      + " submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (proposal_hash, approver_id, action) DO NOTHING";
  private static final String SPEND = "SELECT proposal_hash FROM spend_proposals WHERE pending_id = ?";
  private static final String INSERT_SPEND = "INSERT INTO spend_proposals (pending_id, proposal_hash) VALUES (?, ?)";

  private ApprovalTables() {}

  static Optional<StoredApproverSet> approverSet(Session s, ApproverRole role) throws StoreException {
    try {
      PreparedStatement q = s.prepare(SET);
      q.setString(1, role.id());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String where = role.id() + " approver set v" + rs.getLong(2);
        try {
          return Optional.of(new StoredApproverSet(ApproverRole.fromId(rs.getString(1)), rs.getLong(2), TextList.decode(rs.getString(3)),
              rs.getInt(4), EpochMicros.toInstant(rs.getLong(5)), rs.getString(6)));
        } catch (IllegalArgumentException e) {
          throw new StoreException(where + " is corrupt: " + e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("approver set lookup", e);
    }
  }

  static void putApproverSet(Session s, StoredApproverSet set) throws StoreException {
    long next = approverSet(s, set.role()).map(c -> c.version() + 1).orElse(1L);
    if (set.version() != next) {
      throw new StoreException("put " + set.role().id() + " approver set: version " + set.version() + " does not follow the current one (expected " + next + ")");
    }
    try {
      PreparedStatement insert = s.prepare(INSERT_SET);
      insert.setString(1, set.role().id());
      insert.setLong(2, set.version());
      insert.setString(3, TextList.encode(set.keyIds()));
      insert.setInt(4, set.threshold());
      insert.setLong(5, EpochMicros.floor(set.setAt()));
      insert.setString(6, set.setBy());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw JdbcFailure.of("put approver set", e);
    }
  }

  static Optional<StoredProposal> proposal(Session s, RequestHash hash) throws StoreException {
    try {
      PreparedStatement q = s.prepare(PROPOSAL);
      q.setBytes(1, hash.value().toByteArray());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(proposalRow(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("proposal lookup", e);
    }
  }

  static List<StoredProposal> proposals(Session s) throws StoreException {
    List<StoredProposal> out = new ArrayList<>();
    try (ResultSet rs = s.prepare(PROPOSALS).executeQuery()) {
      while (rs.next()) {
        out.add(proposalRow(rs));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("proposals", e);
    }
    return out;
  }

  static void addProposal(Session s, StoredProposal p) throws StoreException {
    Proposal x = p.proposal();
    RequestHash hash = x.hash();
    try {
      PreparedStatement insert = s.prepare(INSERT_PROPOSAL);
      insert.setBytes(1, hash.value().toByteArray());
      insert.setString(2, x.kind().id());
      insert.setString(3, x.network().id());
      insert.setBytes(4, x.payload().toByteArray());
      insert.setBytes(5, x.nonce().toByteArray());
      insert.setLong(6, EpochMicros.floor(x.createdAt()));
      insert.setLong(7, EpochMicros.floor(x.expiresAt()));
      insert.setString(8, x.summary());
      insert.setString(9, p.initiator());
      insert.setString(10, p.state().name());
      setOptionalTime(insert, 11, p.scheduledAt());
      insert.setLong(12, EpochMicros.floor(p.stateAt()));
      if (insert.executeUpdate() == 0) {
        throw new StoreException("add proposal: " + hash + " already exists");
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("add proposal", e);
    }
  }

  static void setProposalState(Session s, RequestHash hash, ProposalState state, Optional<Instant> scheduledAt, Instant at) throws StoreException {
    try {
      PreparedStatement update = s.prepare(UPDATE_STATE);
      update.setString(1, state.name());
      setOptionalTime(update, 2, scheduledAt);
      update.setLong(3, EpochMicros.floor(at));
      update.setBytes(4, hash.value().toByteArray());
      if (update.executeUpdate() == 0) {
        throw new StoreException("proposal " + hash + " is unknown or already closed: its state cannot become " + state);
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("set proposal state", e);
    }
  }

  static List<StoredApproval> approvals(Session s, RequestHash hash) throws StoreException {
    List<StoredApproval> out = new ArrayList<>();
    try {
      PreparedStatement q = s.prepare(APPROVALS);
      q.setBytes(1, hash.value().toByteArray());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String where = "approval of " + hash + " by " + rs.getString(1);
          ApprovalAction action = ApprovalAction.fromId(rs.getString(2)).orElseThrow(() -> new StoreException(where + " has an unknown action"));
          SignatureFormat format;
          try {
            format = SignatureFormat.parse(rs.getString(3));
          } catch (SignatureRejectedException e) {
            throw new StoreException(where + " has an unknown format");
          }
          out.add(new StoredApproval(hash, rs.getString(1), action, format, rs.getString(4), EpochMicros.toInstant(rs.getLong(5)), rs.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("approvals", e);
    }
    return out;
  }

  static void addApproval(Session s, StoredApproval a) throws StoreException {
    StoredProposal p = proposal(s, a.proposal())
        .orElseThrow(() -> new StoreException("add approval: no proposal " + a.proposal()));
    if (!p.state().open()) {
      throw new StoreException("add approval: proposal " + a.proposal() + " is " + p.state());
    }
    try {
      PreparedStatement insert = s.prepare(INSERT_APPROVAL);
      insert.setBytes(1, a.proposal().value().toByteArray());
      insert.setString(2, a.approverId());
      insert.setString(3, a.action().id());
      insert.setString(4, a.format().id());
      insert.setString(5, a.signature());
      insert.setLong(6, EpochMicros.floor(a.receivedAt()));
      insert.setString(7, a.submittedBy());
      if (insert.executeUpdate() == 0) {
        throw new StoreException("add approval: " + a.approverId() + " already submitted '" + a.action().id() + "' for " + a.proposal());
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("add approval", e);
    }
  }

  static void linkSpendProposal(Session s, String pendingId, RequestHash hash) throws StoreException {
    try {
      PreparedStatement insert = s.prepare(INSERT_SPEND);
      insert.setString(1, pendingId);
      insert.setBytes(2, hash.value().toByteArray());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw JdbcFailure.of("link spend proposal of " + pendingId, e);
    }
  }

  static Optional<RequestHash> spendProposal(Session s, String pendingId) throws StoreException {
    try {
      PreparedStatement q = s.prepare(SPEND);
      q.setString(1, pendingId);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] hash = rs.getBytes(1);
        if (hash == null || hash.length != 32) {
          throw new StoreException("spend proposal link of " + pendingId + " is corrupt");
        }
        return Optional.of(new RequestHash(new ByteVector32(hash)));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("spend proposal lookup", e);
    }
  }

  private static StoredProposal proposalRow(ResultSet rs) throws SQLException, StoreException {
    byte[] key = rs.getBytes(1);
    String where = "proposal " + (key == null ? "?" : new ByteVector(key).toHex());
    try {
      ProposalKind kind = ProposalKind.fromId(rs.getString(2)).orElseThrow(() -> new IllegalArgumentException("unknown kind"));
      Network network = Network.parse(rs.getString(3));
      Proposal p = new Proposal(kind, network, new ByteVector(rs.getBytes(4)), new ByteVector32(rs.getBytes(5)),
          EpochMicros.toInstant(rs.getLong(6)), EpochMicros.toInstant(rs.getLong(7)), rs.getString(8));
      if (key == null || !p.hash().value().equals(new ByteVector32(key))) {
        throw new StoreException(where + " was tampered with: its fields do not hash to its key");
      }
      long scheduled = rs.getLong(11);
      Optional<Instant> scheduledAt = rs.wasNull() ? Optional.empty() : Optional.of(EpochMicros.toInstant(scheduled));
      return new StoredProposal(p, rs.getString(9), ProposalState.valueOf(rs.getString(10)), scheduledAt, EpochMicros.toInstant(rs.getLong(12)));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StoreException(where + " is corrupt: " + e.getMessage());
    }
  }

  private static void setOptionalTime(PreparedStatement st, int index, Optional<Instant> t) throws SQLException, StoreException {
    if (t.isPresent()) {
      st.setLong(index, EpochMicros.floor(t.get()));
    } else {
      st.setNull(index, Types.BIGINT);
    }
  }
}
