package dev.custos.store;

import dev.custos.core.approval.RequestHash;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.policy.Debit;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.core.policy.Verdict;
import fr.acinq.bitcoin.ByteVector32;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction of either backend: the SQL is portable between SQLite and PostgreSQL (upserts use
 * {@code ON CONFLICT}); the store that opened the {@link Session} has already begun the
 * transaction and serialized it against other writers. Unusable once its transaction ended.
 * One object serves one unit of work only (a group-committed batch gives each work its own).
 */
final class JdbcTx implements WriteTx {
  private static final String CURRENT_POLICY = "SELECT version, text, sha256_hex, applied_at_us, applied_by FROM policies ORDER BY version DESC LIMIT 1";
  private static final String INSERT_POLICY = "INSERT INTO policies (version, text, sha256_hex, applied_at_us, applied_by) VALUES (?, ?, ?, ?, ?)";
  private static final String DECISION = "SELECT verdict, tags, reasons, credential, amount_sat, policy_version, decided_at_us"
      + " FROM decisions WHERE wallet_id = ? AND txid = ?";
  private static final String INSERT_DECISION = "INSERT INTO decisions (wallet_id, txid, verdict, tags, reasons, credential, amount_sat,"
      + " policy_version, decided_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (wallet_id, txid) DO NOTHING";
  private static final String APPROVALS = "SELECT id, wallet_id, txid, psbt_base64, credential, amount_sat, tags, created_at_us, status"
      + " FROM pending_approvals ORDER BY created_at_us, id";
  private static final String INSERT_APPROVAL = "INSERT INTO pending_approvals (id, wallet_id, txid, psbt_base64, credential, amount_sat,"
      + " tags, created_at_us, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
  private static final String HIGH_WATER_MARK = "SELECT high_water_mark_us FROM meta WHERE id = 1";
  private static final String RAISE_HIGH_WATER_MARK = "UPDATE meta SET high_water_mark_us = ? WHERE id = 1 AND high_water_mark_us < ?";

  private final Session session;
  private boolean ended;
  /**
   * The audit head as this transaction last read (verified) or appended it, or as the work before
   * it in the same batch left it; null until known. Nothing else writes the audit table during a
   * batch (writers are serialized and hold the database's write lock), so it saves reading and
   * decoding the head again for each append.
   */
  private Optional<AuditRecord> knownAuditHead;

  private final List<Runnable> afterCommit = new ArrayList<>();

  JdbcTx(Session session) {
    this(session, null);
  }

  /** @param knownAuditHead the audit head as of this transaction's start, or null to read it when needed */
  JdbcTx(Session session, Optional<AuditRecord> knownAuditHead) {
    this.session = session;
    this.knownAuditHead = knownAuditHead;
  }

  /** The audit head as this transaction knows it (read, appended or handed in), or null if it never needed it. */
  Optional<AuditRecord> knownAuditHead() {
    return knownAuditHead;
  }

  @Override
  public void afterCommit(Runnable action) throws StoreException {
    session();
    afterCommit.add(Objects.requireNonNull(action, "action"));
  }

  /** The actions registered by this work, to run once its batch has committed. */
  List<Runnable> afterCommitActions() {
    return List.copyOf(afterCommit);
  }

  void end() {
    ended = true;
  }

  Session session() throws StoreException {
    if (ended) {
      throw new StoreException("store transaction already ended: a transaction object must not outlive its work");
    }
    return session;
  }

  @Override
  public Optional<AppliedPolicy> currentPolicy() throws StoreException {
    try (ResultSet rs = session().prepare(CURRENT_POLICY).executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(new AppliedPolicy(rs.getLong(1), rs.getString(2), rs.getString(3), EpochMicros.toInstant(rs.getLong(4)), rs.getString(5)));
    } catch (SQLException e) {
      throw JdbcFailure.of("current policy", e);
    }
  }

  @Override
  public void applyPolicy(AppliedPolicy policy) throws StoreException {
    long next = currentPolicy().map(p -> p.version() + 1).orElse(1L);
    if (policy.version() != next) {
      throw new StoreException("apply policy: version " + policy.version() + " does not follow the current one (expected " + next + ")");
    }
    try {
      PreparedStatement insert = session().prepare(INSERT_POLICY);
      insert.setLong(1, policy.version());
      insert.setString(2, policy.text());
      insert.setString(3, policy.sha256Hex());
      insert.setLong(4, EpochMicros.floor(policy.appliedAt()));
      insert.setString(5, policy.appliedBy());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw JdbcFailure.of("apply policy", e);
    }
  }

  @Override
  public Optional<RecordedDecision> decision(String walletId, String unsignedTxid) throws StoreException {
    try {
      PreparedStatement q = session().prepare(DECISION);
      q.setString(1, walletId);
      q.setString(2, unsignedTxid);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String where = "decision of wallet " + walletId + " for " + unsignedTxid;
        return Optional.of(new RecordedDecision(walletId, unsignedTxid, verdict(rs.getString(1), where), list(rs.getString(2), where),
            list(rs.getString(3), where), rs.getString(4), rs.getLong(5), rs.getLong(6), EpochMicros.toInstant(rs.getLong(7))));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("decision lookup", e);
    }
  }

  @Override
  public void recordDecision(RecordedDecision d) throws StoreException {
    // One statement: the primary key (wallet_id, txid) refuses a second decision, reported below.
    try {
      PreparedStatement insert = session().prepare(INSERT_DECISION);
      insert.setString(1, d.walletId());
      insert.setString(2, d.unsignedTxid());
      insert.setString(3, d.verdict().name());
      insert.setString(4, TextList.encode(d.tags()));
      insert.setString(5, TextList.encode(d.reasons()));
      insert.setString(6, d.credential());
      insert.setLong(7, d.amountSat());
      insert.setLong(8, d.policyVersion());
      insert.setLong(9, EpochMicros.floor(d.decidedAt()));
      if (insert.executeUpdate() == 0) {
        throw new StoreException("record decision: wallet " + d.walletId() + " already has a decision for " + d.unsignedTxid());
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("record decision", e);
    }
  }

  @Override
  public List<PendingApproval> pendingApprovals() throws StoreException {
    List<PendingApproval> out = new ArrayList<>();
    try (ResultSet rs = session().prepare(APPROVALS).executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        out.add(new PendingApproval(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
            list(rs.getString(7), "pending approval " + id), EpochMicros.toInstant(rs.getLong(8)), rs.getString(9)));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("pending approvals", e);
    }
    return out;
  }

  @Override
  public void addPendingApproval(PendingApproval a) throws StoreException {
    try {
      PreparedStatement insert = session().prepare(INSERT_APPROVAL);
      insert.setString(1, a.id());
      insert.setString(2, a.walletId());
      insert.setString(3, a.unsignedTxid());
      insert.setString(4, a.psbtBase64());
      insert.setString(5, a.credential());
      insert.setLong(6, a.amountSat());
      insert.setString(7, TextList.encode(a.tags()));
      insert.setLong(8, EpochMicros.floor(a.createdAt()));
      insert.setString(9, a.status());
      if (insert.executeUpdate() == 0) {
        throw new StoreException("add pending approval: id " + a.id() + " already exists");
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("add pending approval", e);
    }
  }

  @Override
  public void debit(List<Debit> debits, Instant at, String unsignedTxid) throws StoreException {
    VelocityBuckets.debit(session(), debits, at, unsignedTxid);
  }

  @Override
  public void debitDecision(String walletId, String unsignedTxid, List<Debit> debits, Instant at) throws StoreException {
    VelocityBuckets.debitDecision(session(), walletId, unsignedTxid, debits, at);
  }

  @Override
  public Totals totals(VelocityLimit.Scope scope, String key, Duration window, Instant now) {
    try {
      return VelocityBuckets.totals(session(), scope, key, window, now);
    } catch (StoreException e) {
      throw new StoreUncheckedException(e);
    }
  }

  @Override
  public Instant highWaterMark() throws StoreException {
    try (ResultSet rs = session().prepare(HIGH_WATER_MARK).executeQuery()) {
      if (!rs.next()) {
        throw new StoreException("high-water mark: the meta row is missing");
      }
      return EpochMicros.toInstant(rs.getLong(1));
    } catch (SQLException e) {
      throw JdbcFailure.of("high-water mark", e);
    }
  }

  @Override
  public void advanceHighWaterMark(Instant t) throws StoreException {
    long micros = EpochMicros.ceil(t);
    try {
      PreparedStatement update = session().prepare(RAISE_HIGH_WATER_MARK);
      update.setLong(1, micros);
      update.setLong(2, micros);
      update.executeUpdate();
    } catch (SQLException e) {
      throw JdbcFailure.of("advance high-water mark", e);
    }
  }

  @Override
  public Optional<AuditRecord> auditHead() throws StoreException {
    Session s = session();
    if (knownAuditHead == null) {
      knownAuditHead = AuditChain.head(s);
    }
    return knownAuditHead;
  }

  @Override
  public List<AuditRecord> auditRecords(long fromSeq, int limit) throws StoreException {
    return AuditChain.from(session(), fromSeq, limit);
  }

  @Override
  public Optional<ByteVector32> auditRecordHash(long seq) throws StoreException {
    return AuditChain.hashAt(session(), seq);
  }

  @Override
  public void appendAudit(AuditRecord record) throws StoreException {
    AuditChain.append(session(), auditHead(), record);
    knownAuditHead = Optional.of(record);
  }

  @Override
  public Optional<StoredRootKey> macaroonRootKey(byte[] id) throws StoreException {
    return MacaroonRootKeys.find(session(), id);
  }

  @Override
  public List<StoredRootKey> macaroonRootKeys() throws StoreException {
    return MacaroonRootKeys.all(session());
  }

  @Override
  public void putMacaroonRootKey(StoredRootKey key) throws StoreException {
    MacaroonRootKeys.put(session(), key);
  }

  @Override
  public boolean deleteMacaroonRootKey(byte[] id) throws StoreException {
    return MacaroonRootKeys.delete(session(), id);
  }

  @Override
  public Optional<StoredChannel> channel(byte[] channelId) throws StoreException {
    return ChannelRows.find(session(), channelId);
  }

  @Override
  public List<StoredChannel> channels() throws StoreException {
    return ChannelRows.all(session());
  }

  @Override
  public Map<String, Long> channelVersions() throws StoreException {
    return ChannelRows.versions(session());
  }

  @Override
  public void putChannel(StoredChannel channel) throws StoreException {
    ChannelRows.put(session(), channel);
  }

  @Override
  public Optional<StoredPaymentApproval> paymentApproval(byte[] paymentHash) throws StoreException {
    return PaymentApprovalRows.find(session(), paymentHash);
  }

  @Override
  public List<StoredPaymentApproval> paymentApprovals() throws StoreException {
    return PaymentApprovalRows.all(session());
  }

  @Override
  public void putPaymentApproval(StoredPaymentApproval approval) throws StoreException {
    PaymentApprovalRows.put(session(), approval);
  }

  private static Verdict verdict(String stored, String where) throws StoreException {
    try {
      return Verdict.valueOf(stored);
    } catch (IllegalArgumentException e) {
      throw new StoreException(where + " has an unknown verdict");
    }
  }

  private static List<String> list(String stored, String where) throws StoreException {
    try {
      return TextList.decode(stored);
    } catch (IllegalArgumentException e) {
      throw new StoreException(where + " has a malformed list column: " + e.getMessage());
    }
  }

  @Override
  public Optional<StoredFrostNonces> frostNonces(byte[] sessionId, byte[] participant) throws StoreException {
    return FrostNonces.find(session(), sessionId, participant);
  }

  @Override
  public void putFrostNonces(StoredFrostNonces nonces) throws StoreException {
    FrostNonces.insertUnused(session(), nonces);
  }

  @Override
  public StoredFrostNonces markFrostNoncesUsed(byte[] sessionId, byte[] participant, byte[] psbtHash, Instant at)
      throws StoreException {
    return FrostNonces.markUsed(session(), sessionId, participant, psbtHash, at);
  }

  @Override
  public Optional<StoredApproverSet> approverSet(ApproverRole role) throws StoreException {
    return ApprovalTables.approverSet(session(), role);
  }

  @Override
  public Optional<StoredProposal> proposal(RequestHash hash) throws StoreException {
    return ApprovalTables.proposal(session(), hash);
  }

  @Override
  public List<StoredProposal> proposals() throws StoreException {
    return ApprovalTables.proposals(session());
  }

  @Override
  public List<StoredApproval> approvals(RequestHash proposal) throws StoreException {
    return ApprovalTables.approvals(session(), proposal);
  }

  @Override
  public Optional<RequestHash> spendProposal(String pendingApprovalId) throws StoreException {
    return ApprovalTables.spendProposal(session(), pendingApprovalId);
  }

  @Override
  public void putApproverSet(StoredApproverSet set) throws StoreException {
    ApprovalTables.putApproverSet(session(), set);
  }

  @Override
  public void addProposal(StoredProposal proposal) throws StoreException {
    ApprovalTables.addProposal(session(), proposal);
  }

  @Override
  public void setProposalState(RequestHash proposal, ProposalState state, Optional<Instant> scheduledAt, Instant at) throws StoreException {
    ApprovalTables.setProposalState(session(), proposal, state, scheduledAt, at);
  }

  @Override
  public void addApproval(StoredApproval approval) throws StoreException {
    ApprovalTables.addApproval(session(), approval);
  }

  @Override
  public void linkSpendProposal(String pendingApprovalId, RequestHash proposal) throws StoreException {
    ApprovalTables.linkSpendProposal(session(), pendingApprovalId, proposal);
  }
}
