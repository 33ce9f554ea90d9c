package dev.custos.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The {@code payment_approvals} table: one immutable row per approved payment hash. */
final class PaymentApprovalRows {
  private static final String COLUMNS = "payment_hash, amount_msat, max_fee_msat, expires_at_us, invoice, approved_at_us";
  private static final String ONE = "SELECT " + COLUMNS + " FROM payment_approvals WHERE payment_hash = ?";
  private static final String ALL = "SELECT " + COLUMNS + " FROM payment_approvals ORDER BY approved_at_us, payment_hash";
  private static final String INSERT = "INSERT INTO payment_approvals (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (payment_hash) DO NOTHING";

  private PaymentApprovalRows() {}

  static Optional<StoredPaymentApproval> find(Session s, byte[] paymentHash) throws StoreException {
    try {
      PreparedStatement q = s.prepare(ONE);
      q.setBytes(1, paymentHash);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("payment approval lookup", e);
    }
  }

  static List<StoredPaymentApproval> all(Session s) throws StoreException {
    List<StoredPaymentApproval> out = new ArrayList<>();
    try (ResultSet rs = s.prepare(ALL).executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("payment approvals", e);
    }
    return out;
  }

  static void put(Session s, StoredPaymentApproval a) throws StoreException {
    try {
      PreparedStatement insert = s.prepare(INSERT);
      insert.setBytes(1, a.paymentHash());
      insert.setLong(2, a.amountMsat());
      insert.setLong(3, a.maxFeeMsat());
      insert.setLong(4, EpochMicros.floor(a.expiresAt()));
      insert.setString(5, a.invoice().orElse(null));
      insert.setLong(6, EpochMicros.floor(a.approvedAt()));
      if (insert.executeUpdate() == 0) {
        throw new StoreException("put payment approval " + a.paymentHashHex() + ": the payment is already approved");
      }
    } catch (SQLException e) {
      throw JdbcFailure.of("put payment approval", e);
    }
  }

  private static StoredPaymentApproval row(ResultSet rs) throws SQLException, StoreException {
    byte[] hash = rs.getBytes(1);
    long amount = rs.getLong(2);
    long fee = rs.getLong(3);
    if (hash == null || hash.length != 32 || amount <= 0 || fee < 0) {
      throw new StoreException("payment approval row " + (hash == null ? "?" : HexFormat.of().formatHex(hash)) + " is corrupt");
    }
    return new StoredPaymentApproval(hash, amount, fee, EpochMicros.toInstant(rs.getLong(4)), Optional.ofNullable(rs.getString(5)),
        EpochMicros.toInstant(rs.getLong(6)));
  }
}
