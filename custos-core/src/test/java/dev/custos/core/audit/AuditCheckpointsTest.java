package dev.custos.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.seal.FixedSecureRandom;
import fr.acinq.secp256k1.Secp256k1;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints are checked against the documented construction with the JDK's SHA-256 and
 * libsecp256k1's {@code verifySchnorr}, not against the code that made them.
 */
class AuditCheckpointsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void checkpointSealsTheHeadWithASignatureLibsecpVerifies() throws Exception {
    try (AuditKey key = AuditChains.key(1)) {
      AuditRecord head = AuditChains.build(7, 1000, key, new FixedSecureRandom(0)).getLast();
      Instant time = AuditChains.T0.plusSeconds(99);
      AuditRecord checkpoint = AuditCheckpoints.create(head, time, key, new FixedSecureRandom(0x40));

      assertThat(checkpoint.seq()).isEqualTo(7);
      assertThat(checkpoint.time()).isEqualTo(time);
      assertThat(checkpoint.type()).isEqualTo("audit.checkpoint");
      assertThat(checkpoint.prevHash()).isEqualTo(head.hash());
      assertThat(checkpoint.hashMatches()).isTrue();
      assertThat(checkpoint.fields()).containsOnlyKeys("covers", "coversSeq", "key", "sig")
          .containsEntry("covers", HEX.formatHex(head.hash().toByteArray()))
          .containsEntry("coversSeq", "6")
          .containsEntry("key", HEX.formatHex(key.publicKey().value.toByteArray()));

      byte[] sig = HEX.parseHex(checkpoint.fields().get("sig"));
      byte[] digest = documentedDigest(6, head.hash().toByteArray());
      byte[] pub = key.publicKey().value.toByteArray();
      assertThat(Secp256k1.get().verifySchnorr(sig, digest, pub)).isTrue();
      for (int bit = 0; bit < 512; bit += 7) {
        byte[] forged = sig.clone();
        forged[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(verifiesOrThrows(forged, digest, pub)).as("bit %d flipped", bit).isFalse();
      }
    }
  }

  @Test
  void everySignatureDrawsExactly32FreshAuxBytes() {
    try (AuditKey key = AuditChains.key(1)) {
      AuditRecord head = AuditChains.build(3, 1000, key, new FixedSecureRandom(0)).getLast();
      CountingRandom random = new CountingRandom();
      AuditRecord first = AuditCheckpoints.create(head, AuditChains.T0, key, random);
      AuditRecord second = AuditCheckpoints.create(head, AuditChains.T0, key, random);
      assertThat(random.requests).isEqualTo(2);
      assertThat(random.bytes).isEqualTo(64);
      assertThat(first.fields().get("sig")).isNotEqualTo(second.fields().get("sig"));
    }
  }

  @Test
  void anEmptyLogHasNothingToSeal() {
    try (AuditKey key = AuditChains.key(1)) {
      assertThatThrownBy(() -> AuditCheckpoints.create(null, AuditChains.T0, key, new SecureRandom()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a checkpoint seals an existing record; the log is empty");
    }
  }

  @Test
  void checkpointIsDueAtEveryMultipleOfTheIntervalAfterAnOrdinaryRecord() {
    AuditRecord r98 = record(98, "psbt.request");
    AuditRecord r99 = record(99, "policy.decision");
    assertThat(AuditCheckpoints.isDue(null, 100)).isFalse();
    assertThat(AuditCheckpoints.isDue(r98, 100)).isFalse();
    assertThat(AuditCheckpoints.isDue(r99, 100)).isTrue();
    assertThat(AuditCheckpoints.isDue(record(99, "audit.checkpoint"), 100)).isFalse();
    assertThat(AuditCheckpoints.isDue(record(199, "key.unlock"), 100)).isTrue();
    assertThat(AuditCheckpoints.isDue(record(0, "key.init"), 1)).isTrue();
    assertThat(AuditCheckpoints.isDue(record(1, "audit.checkpoint"), 1)).isFalse();
    assertThatThrownBy(() -> AuditCheckpoints.isDue(r99, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkpoint interval must be at least 1, not 0");
  }

  @Test
  void aLogBuiltByThePolicyHasCheckpointsAtFixedPositions() {
    try (AuditKey key = AuditChains.key(1)) {
      var log = AuditChains.build(350, 100, key, new FixedSecureRandom(0));
      assertThat(log.stream().filter(r -> r.type().equals("audit.checkpoint")).map(AuditRecord::seq))
          .containsExactly(100L, 200L, 300L);
    }
  }

  @Test
  void typeNamesAreTheDocumentedContract() {
    assertThat(java.util.Arrays.stream(AuditType.values()).map(AuditType::wireName)).containsExactly(
        "psbt.request", "policy.decision", "signature.release", "policy.apply", "key.init", "key.unlock",
        "audit.checkpoint", "macaroon.bake", "macaroon.revoke", "approval.set", "approval.propose", "approval.submit", "approval.refused",
        "approval.state", "channel.operation", "channel.refusal", "frost.share.release");
    assertThat(AuditType.fromWireName("policy.decision")).contains(AuditType.POLICY_DECISION);
    assertThat(AuditType.fromWireName("policy.Decision")).isEmpty();
  }

  /** docs/audit.md: SHA256("custos/audit/checkpoint/v1" || u64be(coversSeq) || covers). */
  static byte[] documentedDigest(long coversSeq, byte[] covers) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("custos/audit/checkpoint/v1".getBytes(StandardCharsets.US_ASCII));
    sha.update(ByteBuffer.allocate(8).putLong(coversSeq).array());
    sha.update(covers);
    return sha.digest();
  }

  private static boolean verifiesOrThrows(byte[] sig, byte[] digest, byte[] pub) {
    try {
      return Secp256k1.get().verifySchnorr(sig, digest, pub);
    } catch (RuntimeException rejected) {
      return false;
    }
  }

  private static AuditRecord record(long seq, String type) {
    return new AuditRecord(seq, AuditChains.T0, type, new java.util.TreeMap<>(Map.of()),
        fr.acinq.bitcoin.ByteVector32.Zeroes, fr.acinq.bitcoin.ByteVector32.Zeroes);
  }

  private static final class CountingRandom extends SecureRandom {
    @Serial private static final long serialVersionUID = 1L;
    private final SecureRandom delegate = new SecureRandom();
    int requests;
    int bytes;

    @Override
    public synchronized void nextBytes(byte[] out) {
      requests++;
      bytes += out.length;
      delegate.nextBytes(out);
    }
  }
}
