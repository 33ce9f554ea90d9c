package dev.custos.core.ln.invoice;

import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.ByteVector64;
import fr.acinq.bitcoin.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A decoded BOLT 11 invoice whose signature was checked with libsecp256k1. Only
 * {@link #decode(String)} makes one from text; the fields are what the payee signed.
 *
 * <ul>
 *   <li>{@code text}: the invoice in lower case;
 *   <li>{@code network}: from the prefix ({@code lnbc}, {@code lntb}, {@code lntbs},
 *       {@code lnbcrt});
 *   <li>{@code amountMsat}: empty for an invoice of any amount;
 *   <li>{@code payee}: the {@code n} field when present ({@code payeeStated}), otherwise the key
 *       recovered from the signature;
 *   <li>{@code expirySeconds}: the {@code x} field, 3600 when absent;
 *       {@code minFinalCltvExpiryDelta}: the {@code c} field, 18 when absent;
 *   <li>{@code routeHints}: one list of hops per {@code r} field; {@code skipped}: fields the
 *       reader skipped (unknown types, unknown fallback versions, known fields of the wrong length),
 *       kept as they were.
 * </ul>
 */
public record Bolt11Invoice(
    String text,
    Network network,
    OptionalLong amountMsat,
    Instant timestamp,
    ByteVector32 paymentHash,
    Optional<ByteVector32> paymentSecret,
    Optional<String> description,
    Optional<ByteVector32> descriptionHash,
    PublicKey payee,
    boolean payeeStated,
    long expirySeconds,
    long minFinalCltvExpiryDelta,
    List<FallbackAddress> fallbacks,
    List<List<RouteHintHop>> routeHints,
    InvoiceFeatures features,
    Optional<ByteVector> metadata,
    List<SkippedField> skipped,
    ByteVector64 signature,
    int recoveryId) {

  /** Expiry when the invoice has no {@code x} field (BOLT 11: 3600 seconds). */
  public static final long DEFAULT_EXPIRY_SECONDS = 3600;
  /** {@code min_final_cltv_expiry_delta} when the invoice has no {@code c} field (BOLT 11: 18). */
  public static final long DEFAULT_MIN_FINAL_CLTV_EXPIRY_DELTA = 18;

  public Bolt11Invoice {
    fallbacks = List.copyOf(fallbacks);
    routeHints = routeHints.stream().map(List::copyOf).toList();
    skipped = List.copyOf(skipped);
  }

  /**
   * Decodes {@code text} (BOLT 11) and checks its signature: against the {@code n} field when it
   * is present, otherwise by public-key recovery.
   *
   * @throws Bolt11Exception naming the field, for anything the specification says a reader MUST
   *     fail on, and for what this reader refuses besides (see {@link Bolt11Decoder})
   */
  public static Bolt11Invoice decode(String text) throws Bolt11Exception {
    return Bolt11Decoder.decode(text);
  }

  /** When the payee stops accepting payment: {@code timestamp + expiry} (saturating). */
  public Instant expiresAt() {
    long max = Instant.MAX.getEpochSecond() - timestamp.getEpochSecond();
    return expirySeconds >= max ? Instant.MAX : timestamp.plusSeconds(expirySeconds);
  }
}
