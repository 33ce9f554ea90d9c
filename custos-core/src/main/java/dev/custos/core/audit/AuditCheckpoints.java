package dev.custos.core.audit;

import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signed checkpoints: an ordinary {@link AuditRecord} of type {@value #TYPE} that seals the record
 * before it (the "head") with a BIP340 signature by the {@link AuditKey}. Because the head's hash
 * commits to every record before it, one valid checkpoint proves the whole prefix up to the head
 * was produced by the holder of the audit key (see docs/audit.md).
 *
 * <p>Fields, all lowercase hex or decimal text:
 * <pre>
 *   covers    = hex(head.hash)               32 bytes
 *   coversSeq = decimal(head.seq)            no sign, no leading zeros
 *   key       = hex(x-only audit public key) 32 bytes
 *   sig       = hex(BIP340 signature)        64 bytes, over the digest below
 *   digest    = SHA256("custos/audit/checkpoint/v1" || u64be(head.seq) || head.hash)
 * </pre>
 * The checkpoint's own {@code prevHash} is also {@code head.hash}, as for every record.
 */
public final class AuditCheckpoints {
  public static final String TYPE = "audit.checkpoint";
  static final String COVERS = "covers";
  static final String COVERS_SEQ = "coversSeq";
  static final String KEY = "key";
  static final String SIG = "sig";
  private static final Set<String> FIELD_NAMES = Set.of(COVERS, COVERS_SEQ, KEY, SIG);
  private static final byte[] DOMAIN = "custos/audit/checkpoint/v1".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();

  private AuditCheckpoints() {}

  /**
   * The checkpoint that follows and seals {@code head}, signed with fresh auxiliary randomness
   * from {@code random}.
   */
  public static AuditRecord create(AuditRecord head, Instant time, AuditKey key, SecureRandom random) {
    if (head == null) {
      throw new IllegalArgumentException("a checkpoint seals an existing record; the log is empty");
    }
    byte[] sig = key.sign(digest(head.seq(), head.hash()), random);
    return AuditRecord.next(head, time, TYPE, Map.of(
        COVERS, head.hash().toHex(),
        COVERS_SEQ, Long.toString(head.seq()),
        KEY, key.publicKey().value.toHex(),
        SIG, HEX.formatHex(sig)));
  }

  /**
   * The checkpoint policy: a checkpoint is due after {@code head} when {@code head} is not itself a
   * checkpoint and the next sequence number, {@code head.seq + 1}, is a multiple of
   * {@code interval}. Checkpoints therefore sit at fixed positions (100, 200, ... for an interval
   * of 100), at most {@code interval - 1} ordinary records lie between two of them, and a
   * checkpoint missed (for instance after a crash) is simply made at the next position. The
   * service may add a checkpoint at any other time too (e.g. at shutdown); verification accepts a
   * checkpoint anywhere after record 0.
   *
   * @throws IllegalArgumentException if {@code interval < 1}
   */
  public static boolean isDue(AuditRecord head, int interval) {
    if (interval < 1) {
      throw new IllegalArgumentException("checkpoint interval must be at least 1, not " + interval);
    }
    return head != null && !head.type().equals(TYPE) && (head.seq() + 1) % interval == 0;
  }

  /** {@code SHA256("custos/audit/checkpoint/v1" || u64be(seq) || hash)}, the message signed. */
  static ByteVector32 digest(long coversSeq, ByteVector32 coversHash) {
    byte[] message = ByteBuffer.allocate(DOMAIN.length + 8 + 32)
        .put(DOMAIN).putLong(coversSeq).put(coversHash.toByteArray()).array();
    return new ByteVector32(Crypto.sha256(message));
  }

  /**
   * What is malformed in {@code checkpoint} as the successor of {@code head}: its field set, a
   * {@code coversSeq} or {@code covers} that is not the head's, or a key or signature that is not
   * lowercase hex of the right length. Empty when well formed; then {@link #keyOf} is present.
   */
  static Optional<String> malformation(AuditRecord checkpoint, AuditRecord head) {
    Map<String, String> f = checkpoint.fields();
    if (!f.keySet().equals(FIELD_NAMES)) {
      return Optional.of("checkpoint fields must be exactly covers, coversSeq, key, sig");
    }
    if (!f.get(COVERS_SEQ).equals(Long.toString(head.seq()))) {
      return Optional.of("checkpoint covers seq " + printable(f.get(COVERS_SEQ)) + ", not " + head.seq());
    }
    if (!f.get(COVERS).equals(head.hash().toHex())) {
      return Optional.of("checkpoint covers a hash that is not record " + head.seq() + "'s");
    }
    if (keyOf(checkpoint).isEmpty()) {
      return Optional.of("checkpoint key is not 32 bytes of lowercase hex");
    }
    if (lowerHex(f.get(SIG), 64).isEmpty()) {
      return Optional.of("checkpoint signature is not 64 bytes of lowercase hex");
    }
    return Optional.empty();
  }

  /** The x-only key a checkpoint names, if its {@code key} field is 32 bytes of lowercase hex. */
  static Optional<XonlyPublicKey> keyOf(AuditRecord checkpoint) {
    return lowerHex(checkpoint.fields().get(KEY), 32).map(b -> new XonlyPublicKey(new ByteVector32(b)));
  }

  /**
   * True when the well-formed {@code checkpoint}'s signature is a valid BIP340 signature, by the
   * key it names, of the digest of {@code head} (libsecp256k1 {@code verifySchnorr}).
   */
  static boolean signatureValid(AuditRecord checkpoint, AuditRecord head) {
    byte[] sig = lowerHex(checkpoint.fields().get(SIG), 64).orElseThrow();
    return verifies(sig, digest(head.seq(), head.hash()), keyOf(checkpoint).orElseThrow());
  }

  private static boolean verifies(byte[] sig, ByteVector32 digest, XonlyPublicKey key) {
    try {
      return Secp256k1.get().verifySchnorr(sig, digest.toByteArray(), key.value.toByteArray());
    } catch (Secp256k1Exception notAPointOnTheCurve) {
      return false;
    }
  }

  private static Optional<byte[]> lowerHex(String s, int bytes) {
    if (s == null || s.length() != 2 * bytes || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Optional.empty();
    }
    return Optional.of(HEX.parseHex(s));
  }

  private static String printable(String s) {
    return s.length() <= 20 && s.chars().allMatch(c -> c >= '0' && c <= '9') ? s : "(not a decimal number)";
  }
}
