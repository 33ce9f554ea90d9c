package dev.custos.store;

import dev.custos.core.policy.Debit;
import dev.custos.core.policy.VelocityLedger.Totals;
import dev.custos.core.policy.VelocityLimit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Velocity budgets as indexed aggregates. Each debit adds its amount and one transaction to three
 * buckets of its (scope, key): the minute, the hour and the UTC day that contain it. A window total
 * sums the few buckets of a {@link VelocityCover}, so its cost does not grow with history.
 *
 * <p>Keys (wallet id, credential, destination script hex) are stored as their SHA-256, which keeps
 * index entries small whatever the key length.
 *
 * <p>Each debit is also recorded once, so a transaction never debits a budget twice: a signature's
 * debits on its decision row ({@link #debitDecision}: the row its decision inserted anyway, marked
 * debited with the debits listed), any other debit (a Lightning payment approval) in the ledger
 * {@code velocity_debits} keyed by (transaction, scope, key) ({@link #debit}). Marking the decision
 * row instead of adding ledger rows saves a second B-tree keyed by a random txid on every
 * signature (docs/benchmarks.md, session 5).
 */
final class VelocityBuckets {
  private static final long[] WIDTHS = {VelocityCover.MINUTE, VelocityCover.HOUR, VelocityCover.DAY};

  private static final String LEDGER = "INSERT INTO velocity_debits (txid, scope, key_sha256, budget_key, amount_sat, debited_at_us)"
      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (txid, scope, key_sha256) DO NOTHING";
  private static final String UPSERT = "INSERT INTO velocity_buckets (scope, key_sha256, width_s, bucket_start, amount_sat, tx_count)"
      + " VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (scope, key_sha256, width_s, bucket_start)"
      + " DO UPDATE SET amount_sat = velocity_buckets.amount_sat + excluded.amount_sat, tx_count = velocity_buckets.tx_count + 1";
  private static final String MARK_DECISION = "UPDATE decisions SET debited_at_us = ?, debits = ?"
      + " WHERE wallet_id = ? AND txid = ? AND debited_at_us IS NULL";
  private static final String DECISION_DEBITED = "SELECT debited_at_us FROM decisions WHERE wallet_id = ? AND txid = ?";
  private static final String RANGE = "SELECT amount_sat, tx_count FROM velocity_buckets"
      + " WHERE scope = ? AND key_sha256 = ? AND width_s = ? AND bucket_start >= ? AND bucket_start < ?";
  private static final String TOTALS = "SELECT COALESCE(SUM(amount_sat), 0), COALESCE(SUM(tx_count), 0) FROM ("
      + RANGE + " UNION ALL " + RANGE + " UNION ALL " + RANGE + ") AS covered";

  private VelocityBuckets() {}

  /** Records {@code debits} for {@code txid} in the ledger (refused if any was recorded before) and adds them to their buckets. */
  static void debit(Session s, List<Debit> debits, Instant at, String txid) throws StoreException {
    long atMicros = EpochMicros.floor(at);
    List<byte[]> keys = debits.stream().map(d -> sha256(d.key())).toList();
    try {
      PreparedStatement ledger = s.prepare(LEDGER);
      for (int i = 0; i < debits.size(); i++) {
        Debit d = debits.get(i);
        ledger.setString(1, txid);
        ledger.setString(2, d.scope().id());
        ledger.setBytes(3, keys.get(i));
        ledger.setString(4, d.key());
        ledger.setLong(5, d.amountSat());
        ledger.setLong(6, atMicros);
        ledger.addBatch();
      }
      int[] inserted = ledger.executeBatch();
      for (int i = 0; i < inserted.length; i++) {
        if (inserted[i] == 0) {
          throw new StoreException("debit: transaction " + txid + " already debited this " + debits.get(i).scope().id() + " budget");
        }
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("debit", e);
    }
    addToBuckets(s, debits, keys, at);
  }

  /**
   * Marks the decision recorded for (wallet, txid) debited with {@code debits} and adds them to
   * their buckets. Refused, with nothing written, when no decision is recorded for them or it was
   * debited already.
   */
  static void debitDecision(Session s, String walletId, String txid, List<Debit> debits, Instant at) throws StoreException {
    List<String> listed = new ArrayList<>(debits.size());
    for (Debit d : debits) {
      listed.add(d.scope().id() + " " + d.amountSat() + " " + d.key());
    }
    try {
      PreparedStatement mark = s.prepare(MARK_DECISION);
      mark.setLong(1, EpochMicros.floor(at));
      mark.setString(2, TextList.encode(listed));
      mark.setString(3, walletId);
      mark.setString(4, txid);
      if (mark.executeUpdate() == 0) {
        throw new StoreException(whyNotMarked(s, walletId, txid));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("debit", e);
    }
    addToBuckets(s, debits, debits.stream().map(d -> sha256(d.key())).toList(), at);
  }

  private static String whyNotMarked(Session s, String walletId, String txid) throws SQLException {
    PreparedStatement q = s.prepare(DECISION_DEBITED);
    q.setString(1, walletId);
    q.setString(2, txid);
    try (ResultSet rs = q.executeQuery()) {
      return rs.next()
          ? "debit: wallet " + walletId + " already debited its decision for " + txid
          : "debit: wallet " + walletId + " has no recorded decision for " + txid;
    }
  }

  private static void addToBuckets(Session s, List<Debit> debits, List<byte[]> keys, Instant at) throws StoreException {
    try {
      PreparedStatement upsert = s.prepare(UPSERT);
      for (int i = 0; i < debits.size(); i++) {
        Debit d = debits.get(i);
        for (long width : WIDTHS) {
          upsert.setString(1, d.scope().id());
          upsert.setBytes(2, keys.get(i));
          upsert.setLong(3, width);
          upsert.setLong(4, VelocityCover.floor(at.getEpochSecond(), width));
          upsert.setLong(5, d.amountSat());
          upsert.addBatch();
        }
      }
      upsert.executeBatch();
    } catch (SQLException e) {
      throw JdbcFailure.of("debit", e);
    }
  }

  static Totals totals(Session s, VelocityLimit.Scope scope, String key, Duration window, Instant now) throws StoreException {
    if (window.isNegative() || window.isZero() || window.compareTo(VelocityLimit.MAX_WINDOW) > 0) {
      throw new StoreException("velocity totals: window " + window + " must be positive and at most " + VelocityLimit.MAX_WINDOW);
    }
    VelocityCover cover;
    try {
      cover = VelocityCover.of(now, window);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new StoreException("velocity totals: time " + now + " is out of range");
    }
    byte[] hash = sha256(key);
    long[][] ranges = {
      {VelocityCover.DAY, cover.dayFrom(), cover.dayTo()},
      {VelocityCover.HOUR, cover.hourFrom(), cover.hourTo()},
      {VelocityCover.MINUTE, cover.minuteFrom(), cover.minuteTo()},
    };
    try {
      PreparedStatement q = s.prepare(TOTALS);
      int p = 1;
      for (long[] r : ranges) {
        q.setString(p++, scope.id());
        q.setBytes(p++, hash);
        q.setLong(p++, r[0]);
        q.setLong(p++, r[1]);
        q.setLong(p++, r[2]);
      }
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return new Totals(rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("velocity totals", e);
    }
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
