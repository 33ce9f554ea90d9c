package dev.custos.service.channel;

import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.PaymentLedger;
import dev.custos.store.Store;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** For channel tests without HTLCs: no approved payment, no other channel, no policy to read. */
final class NoPayments {
  private NoPayments() {}

  static final PaymentLedger LEDGER = new PaymentLedger() {
    @Override
    public long receivedElsewhereMsat(ByteVector32 paymentHash) {
      return 0;
    }

    @Override
    public long offeredElsewhereMsat(ByteVector32 paymentHash) {
      return 0;
    }

    @Override
    public Optional<ApprovedPayment> approval(ByteVector32 paymentHash) {
      return Optional.empty();
    }

    @Override
    public Instant now() {
      return Instant.parse("2026-03-01T12:00:00Z");
    }
  };

  static PaymentApprovals approvals(Store store) {
    return new PaymentApprovals(store, text -> {
      throw new IllegalStateException("these tests apply no spending policy");
    }, "test-wallet", Clock.systemUTC());
  }
}
