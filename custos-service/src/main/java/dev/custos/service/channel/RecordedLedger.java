package dev.custos.service.channel;

import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.PaymentLedger;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PaymentLedger} that remembers every question asked and its answer, so that an outcome
 * computed from a read snapshot can be trusted in a later write transaction only if the ledger
 * there gives the same answers ({@link #sameAnswers}). The pure signer is deterministic: same
 * state, command, keys and answers give the same outcome.
 */
final class RecordedLedger implements PaymentLedger {
  private record Question(String kind, ByteVector32 hash) {}

  private final StoredPaymentLedger ledger;
  private final Instant now;
  private final Map<Question, Object> answers = new LinkedHashMap<>();

  RecordedLedger(StoredPaymentLedger ledger, Instant now) {
    this.ledger = ledger;
    this.now = now;
  }

  @Override
  public long receivedElsewhereMsat(ByteVector32 paymentHash) {
    long v = ledger.receivedElsewhereMsat(paymentHash);
    answers.put(new Question("received", paymentHash), v);
    return v;
  }

  @Override
  public long offeredElsewhereMsat(ByteVector32 paymentHash) {
    long v = ledger.offeredElsewhereMsat(paymentHash);
    answers.put(new Question("offered", paymentHash), v);
    return v;
  }

  @Override
  public Optional<ApprovedPayment> approval(ByteVector32 paymentHash) {
    Optional<ApprovedPayment> v = ledger.approval(paymentHash);
    answers.put(new Question("approval", paymentHash), v);
    return v;
  }

  @Override
  public Instant now() {
    return now;
  }

  /**
   * Whether {@code fresh} answers every recorded question as the snapshot did. The HTLC questions
   * are settled at once when no other channel changed version since the snapshot; otherwise each
   * is asked again.
   */
  boolean sameAnswers(StoredPaymentLedger fresh) {
    Boolean othersUnchanged = null;
    for (Map.Entry<Question, Object> e : answers.entrySet()) {
      ByteVector32 hash = e.getKey().hash();
      String kind = e.getKey().kind();
      if (!kind.equals("approval")) {
        if (othersUnchanged == null) {
          othersUnchanged = fresh.othersUnchangedSince(ledger);
        }
        if (othersUnchanged) {
          continue;
        }
      }
      Object now = switch (kind) {
        case "received" -> fresh.receivedElsewhereMsat(hash);
        case "offered" -> fresh.offeredElsewhereMsat(hash);
        default -> fresh.approval(hash);
      };
      if (!Objects.equals(now, e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
