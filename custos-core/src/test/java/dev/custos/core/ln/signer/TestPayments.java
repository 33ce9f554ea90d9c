package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A {@link PaymentLedger} for tests: approvals by function, HTLCs elsewhere fixed, a fixed now. */
record TestPayments(Function<ByteVector32, Optional<ApprovedPayment>> approvals, Map<ByteVector32, Long> receivedElsewhere,
    Map<ByteVector32, Long> offeredElsewhere, Instant now) implements PaymentLedger {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /** Every payment hash approved for up to 1 BTC until a year after {@link #NOW}: payments are not under test. */
  static TestPayments approvingAll() {
    return new TestPayments(h -> Optional.of(new ApprovedPayment(h, 100_000_000_000L, 0, NOW.plusSeconds(365L * 86_400))),
        Map.of(), Map.of(), NOW);
  }

  static TestPayments none() {
    return new TestPayments(h -> Optional.empty(), Map.of(), Map.of(), NOW);
  }

  TestPayments approving(ApprovedPayment p) {
    return new TestPayments(h -> h.equals(p.paymentHash()) ? Optional.of(p) : Optional.empty(), receivedElsewhere,
        offeredElsewhere, now);
  }

  TestPayments receiving(ByteVector32 hash, long msat) {
    return new TestPayments(approvals, Map.of(hash, msat), offeredElsewhere, now);
  }

  TestPayments offering(ByteVector32 hash, long msat) {
    return new TestPayments(approvals, receivedElsewhere, Map.of(hash, msat), now);
  }

  @Override
  public long receivedElsewhereMsat(ByteVector32 paymentHash) {
    return receivedElsewhere.getOrDefault(paymentHash, 0L);
  }

  @Override
  public long offeredElsewhereMsat(ByteVector32 paymentHash) {
    return offeredElsewhere.getOrDefault(paymentHash, 0L);
  }

  @Override
  public Optional<ApprovedPayment> approval(ByteVector32 paymentHash) {
    return approvals.apply(paymentHash);
  }
}
