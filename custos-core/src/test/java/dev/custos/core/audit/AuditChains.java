package dev.custos.core.audit;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.secret.SecretBytes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test audit logs: ordinary events of every type, with checkpoints wherever the policy says. */
final class AuditChains {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<AuditType> EVENTS = Arrays.stream(AuditType.values())
      .filter(t -> t != AuditType.AUDIT_CHECKPOINT).toList();

  private AuditChains() {}

  /** The audit key of the seed made of 32 copies of {@code seedByte}. The caller closes it. */
  static AuditKey key(int seedByte) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) seedByte);
    try (SecretBytes s = SecretBytes.copyOf(seed); ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s)) {
      return AuditKey.derive(master);
    }
  }

  /** A log of {@code n} records with a checkpoint wherever {@link AuditCheckpoints#isDue} says. */
  static List<AuditRecord> build(int n, int interval, AuditKey key, SecureRandom random) {
    List<AuditRecord> log = new ArrayList<>();
    AuditRecord head = null;
    while (log.size() < n) {
      head = AuditCheckpoints.isDue(head, interval)
          ? AuditCheckpoints.create(head, T0.plusSeconds(log.size()), key, random)
          : event(head, log.size());
      log.add(head);
    }
    return log;
  }

  /** An ordinary event following {@code head}, its content varying with {@code i}. */
  static AuditRecord event(AuditRecord head, long i) {
    AuditType type = EVENTS.get((int) (i % EVENTS.size()));
    return AuditRecord.next(head, T0.plusSeconds(i), type.wireName(),
        Map.of("request", "req-" + i, "amountSat", Long.toString(1000 * i), "tags", "policy-daily-limit"));
  }

  /** {@code original}'s contents with a freshly computed hash, following {@code prev}. */
  static AuditRecord rehashed(AuditRecord prev, AuditRecord original, Map<String, String> fields) {
    return AuditRecord.next(prev, original.time(), original.type(), fields);
  }
}
