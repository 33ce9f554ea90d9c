package dev.custos.bench;

import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.PaymentLedger;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.util.Optional;

/**
 * The node-wide payment view of a node with one channel (the in-memory benchmark run, which has
 * no store to read other channels from): Alice approves no payment, so every HTLC she offers must
 * be balanced by one offered to her; Bob, the scripted peer, pays with every payment approved.
 */
final class SingleChannelPayments implements PaymentLedger {
  private final boolean approveAll;

  private SingleChannelPayments(boolean approveAll) {
    this.approveAll = approveAll;
  }

  static SingleChannelPayments routing() {
    return new SingleChannelPayments(false);
  }

  static SingleChannelPayments payingEverything() {
    return new SingleChannelPayments(true);
  }

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
    return approveAll ? Optional.of(new ApprovedPayment(paymentHash, 100_000_000_000L, 0, Instant.MAX)) : Optional.empty();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }
}
