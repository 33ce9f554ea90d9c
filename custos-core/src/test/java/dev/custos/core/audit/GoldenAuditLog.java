package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.seal.FixedSecureRandom;
import dev.custos.core.secret.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fixed inputs of {@code golden/audit/records-v1.bin} (see the README next to it): the BIP32
 * test vector 1 seed, fixed times and fields, and {@link FixedSecureRandom} for the checkpoint's
 * auxiliary randomness. The file is {@code (u32be length || canonical record)*}.
 */
final class GoldenAuditLog {
  static final String RESOURCE = "/golden/audit/records-v1.bin";
  static final byte[] SEED = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
  static final int AUX_START = 0x20;
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  private GoldenAuditLog() {}

  /** The golden records, made again from the fixed inputs. */
  static List<AuditRecord> build() {
    try (SecretBytes seed = SecretBytes.copyOf(SEED);
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed);
        AuditKey key = AuditKey.derive(master)) {
      List<AuditRecord> log = new ArrayList<>();
      add(log, T, "key.init", Map.of("auditKey", key.publicKey().value.toHex(), "network", "regtest"));
      add(log, T.plusSeconds(5), "key.unlock", Map.of("sealer", "passphrase"));
      add(log, T.plusSeconds(60).plusNanos(123_456_789), "psbt.request",
          Map.of("request", "req-1", "psbtSha256", "11".repeat(32), "inputs", "2", "outputs", "2"));
      add(log, T.plusSeconds(61), "policy.decision",
          Map.of("request", "req-1", "verdict", "allow", "tags", "", "reasons", ""));
      add(log, T.plusSeconds(62), "signature.release", Map.of("request", "req-1", "inputsSigned", "0,1"));
      add(log, T.plusSeconds(120), "policy.apply", Map.of("policySha256", "22".repeat(32), "note", "café ✓ 日本"));
      log.add(AuditCheckpoints.create(log.getLast(), T.plusSeconds(121), key, new FixedSecureRandom(AUX_START)));
      add(log, T.plusSeconds(180), "psbt.request",
          Map.of("request", "req-2", "psbtSha256", "33".repeat(32), "inputs", "1", "outputs", "3"));
      add(log, T.plusSeconds(181), "policy.decision", Map.of("request", "req-2", "verdict", "deny",
          "tags", "policy-daily-limit", "reasons", "policy-daily-limit: spent=150000 + 900000 > max=1000000"));
      return log;
    }
  }

  static byte[] frame(List<AuditRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (AuditRecord r : records) {
      byte[] bytes = r.canonicalBytes();
      out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  /** The canonical bytes of each record in the golden file. */
  static List<byte[]> unframe(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file);
    List<byte[]> records = new ArrayList<>();
    while (b.hasRemaining()) {
      byte[] r = new byte[b.getInt()];
      b.get(r);
      records.add(r);
    }
    return records;
  }

  static byte[] golden() throws IOException {
    try (InputStream in = GoldenAuditLog.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE + " on the test class path").isNotNull();
      return in.readAllBytes();
    }
  }

  private static void add(List<AuditRecord> log, Instant time, String type, Map<String, String> fields) {
    log.add(AuditRecord.next(log.isEmpty() ? null : log.getLast(), time, type, fields));
  }
}
