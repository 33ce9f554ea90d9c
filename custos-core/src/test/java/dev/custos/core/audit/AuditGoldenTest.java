package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.KeyPath;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.DeterministicWallet;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Freezes audit record format version 1 and checkpoint construction v1:
 * {@code golden/audit/records-v1.bin} was written once from {@link GoldenAuditLog#build()} and
 * must keep decoding and verifying with every future build. Never regenerate it: a format change
 * is a new format version.
 */
class AuditGoldenTest {
  /** The audit key of the BIP32 test vector 1 seed, as printed when the file was written. */
  private static final String AUDIT_KEY = "93adc07ac643b3022960053876f02532bafc20aff63c26c3e49192741f554a93";
  private static final HexFormat HEX = HexFormat.of();

  private static List<AuditRecord> decodedGolden() throws Exception {
    List<AuditRecord> records = new ArrayList<>();
    for (byte[] bytes : GoldenAuditLog.unframe(GoldenAuditLog.golden())) {
      records.add(AuditRecord.decode(bytes));
    }
    return records;
  }

  @Test
  void goldenLogStillDecodesAndVerifiesAgainstThePinnedKey() throws Exception {
    List<AuditRecord> records = decodedGolden();
    assertThat(records).extracting(AuditRecord::type).containsExactly("key.init", "key.unlock", "psbt.request",
        "policy.decision", "signature.release", "policy.apply", "audit.checkpoint", "psbt.request", "policy.decision");
    assertThat(records.get(2).time()).isEqualTo(Instant.parse("2026-03-01T12:01:00.123456789Z"));
    assertThat(records.get(5).fields()).containsEntry("note", "café ✓ 日本");
    assertThat(records.get(0).fields()).containsEntry("auditKey", AUDIT_KEY);

    XonlyPublicKey pinned = new XonlyPublicKey(new ByteVector32(AUDIT_KEY));
    AuditVerification v = AuditVerifier.verify(records.iterator(), Optional.of(pinned));
    assertThat(v.ok()).as("%s", v.reason()).isTrue();
    assertThat(v.recordsChecked()).isEqualTo(9);
    assertThat(v.checkpointsChecked()).isEqualTo(1);
    assertThat(v.unsealedTail()).isEqualTo(2);
  }

  @Test
  void pinnedKeyIsWhatBitcoinKmpDerivesAtTheAuditPath() {
    DeterministicWallet.ExtendedPrivateKey k = DeterministicWallet.derivePrivateKey(
        DeterministicWallet.generate(GoldenAuditLog.SEED), List.of(67858384L | KeyPath.HARDENED, KeyPath.HARDENED));
    assertThat(new XonlyPublicKey(k.getPublicKey()).value.toHex()).isEqualTo(AUDIT_KEY);
  }

  @Test
  void encoderStillWritesTheGoldenBytes() throws Exception {
    assertThat(GoldenAuditLog.frame(GoldenAuditLog.build())).isEqualTo(GoldenAuditLog.golden());
  }

  /**
   * Checks the chain and the checkpoint following docs/audit.md alone, with the JDK's SHA-256 and
   * libsecp256k1's verifySchnorr: hash = SHA256(canonical bytes), prevHash at offset 32, and the
   * checkpoint's signature over SHA256("custos/audit/checkpoint/v1" || u64be(5) || hash(record 5)).
   */
  @Test
  void goldenLogChecksOutByTheDocumentedLayout() throws Exception {
    List<byte[]> records = GoldenAuditLog.unframe(GoldenAuditLog.golden());
    byte[] prevHash = new byte[32];
    for (int seq = 0; seq < records.size(); seq++) {
      byte[] r = records.get(seq);
      assertThat(new String(r, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("CUSTOSAUDIT");
      assertThat(r[11]).isEqualTo((byte) 1);
      assertThat(ByteBuffer.wrap(r, 12, 8).getLong()).isEqualTo(seq);
      assertThat(java.util.Arrays.copyOfRange(r, 32, 64)).as("prevHash of %d", seq).isEqualTo(prevHash);
      prevHash = MessageDigest.getInstance("SHA-256").digest(r);
    }
    byte[] head = MessageDigest.getInstance("SHA-256").digest(records.get(5));
    AuditRecord checkpoint = AuditRecord.decode(records.get(6));
    assertThat(checkpoint.fields().get("covers")).isEqualTo(HEX.formatHex(head));
    assertThat(Secp256k1.get().verifySchnorr(HEX.parseHex(checkpoint.fields().get("sig")),
        AuditCheckpointsTest.documentedDigest(5, head), HEX.parseHex(AUDIT_KEY))).isTrue();
  }
}
