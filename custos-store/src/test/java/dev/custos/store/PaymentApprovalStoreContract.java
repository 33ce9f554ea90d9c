package dev.custos.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The payment-approval part of the {@link StoreContractTest}: run against SQLite and PostgreSQL
 * through that class. A test interface so that it lives in its own file.
 */
interface PaymentApprovalStoreContract {
  Instant APPROVED = Instant.parse("2026-02-01T10:00:00.123456Z");

  /** The store under test. */
  Store paymentApprovalStore();

  static byte[] hash(int b) {
    byte[] h = new byte[32];
    Arrays.fill(h, (byte) b);
    return h;
  }

  static StoredPaymentApproval approval(int b, Optional<String> invoice) {
    return new StoredPaymentApproval(hash(b), 50_000_000L + b, 1_000, APPROVED.plusSeconds(3600), invoice, APPROVED);
  }

  @Test
  default void paymentApprovalsRoundTripOldestFirst() throws Exception {
    Store store = paymentApprovalStore();
    StoredPaymentApproval first = approval(2, Optional.of("lnbcrt500u1pexample"));
    StoredPaymentApproval second = new StoredPaymentApproval(hash(1), 7, 0, Instant.parse("9999-12-31T23:59:59Z"), Optional.empty(),
        APPROVED.plusSeconds(1));
    store.write(tx -> {
      tx.putPaymentApproval(first);
      tx.putPaymentApproval(second);
      return null;
    });
    assertThat(store.<Optional<StoredPaymentApproval>>read(tx -> tx.paymentApproval(hash(2)))).contains(first);
    assertThat(store.<Optional<StoredPaymentApproval>>read(tx -> tx.paymentApproval(hash(1)))).contains(second);
    assertThat(store.<Optional<StoredPaymentApproval>>read(tx -> tx.paymentApproval(hash(3)))).isEmpty();
    assertThat(store.read(ReadTx::paymentApprovals)).containsExactly(first, second);
  }

  @Test
  default void aSecondApprovalOfTheSameHashIsRefusedAndChangesNothing() throws Exception {
    Store store = paymentApprovalStore();
    StoredPaymentApproval a = approval(4, Optional.empty());
    store.write(tx -> {
      tx.putPaymentApproval(a);
      return null;
    });
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putPaymentApproval(new StoredPaymentApproval(hash(4), 99, 0, APPROVED, Optional.empty(), APPROVED));
      return null;
    })).isInstanceOf(StoreException.class).hasMessageContaining("already approved");
    assertThat(store.read(ReadTx::paymentApprovals)).containsExactly(a);
  }

  @Test
  default void aPaymentApprovalRollsBackWithItsTransaction() throws Exception {
    Store store = paymentApprovalStore();
    assertThatThrownBy(() -> store.write(tx -> {
      tx.putPaymentApproval(approval(5, Optional.empty()));
      throw new StoreException("simulated failure after the write");
    })).isInstanceOf(StoreException.class);
    assertThat(store.read(ReadTx::paymentApprovals)).isEmpty();
  }
}
