package dev.custos.core.frost;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The transcript hash of a share repair ({@link RepairCeremony}): one 32-byte digest binding the
 * ciphersuite, the repair's {@link DkgContext} (a fresh repair id in place of the ceremony id, the
 * group's threshold and pinned identity keys), the transcript hash of the group version being
 * repaired (the DKG's or the last refresh's), the participant whose share is repaired and the
 * helper set. It is the associated data of every repair envelope, so a delta or sigma relayed into
 * another repair, for another participant or another helper set does not open.
 *
 * <p>{@code TaggedHash("custos/frost-repair/transcript/v1", u16 len || contextString || context ||
 * group transcript hash (32) || lost identifier (32) || u16 count || helper identifier (32)*)},
 * helpers in ascending order.
 */
public final class RepairTranscript {
  private static final String TAG = "custos/frost-repair/transcript/v1";

  private RepairTranscript() {}

  /**
   * @throws FrostException {@code INVALID_PARTICIPANTS} when the lost participant or a helper is
   *     not a participant of {@code context}, a helper repeats, the lost participant is a helper,
   *     or there are fewer helpers than the threshold; {@code MALFORMED_ENCODING} unless
   *     {@code groupTranscript} has 32 bytes
   */
  public static byte[] hash(FrostDialect dialect, DkgContext context, byte[] groupTranscript, Identifier lost, List<Identifier> helpers)
      throws FrostException {
    if (groupTranscript == null || groupTranscript.length != 32) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "group transcript hash must be 32 bytes");
    }
    List<Identifier> sorted = helpers.stream().sorted().distinct().toList();
    if (sorted.size() != helpers.size() || sorted.size() < context.minSigners()) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS,
          "need at least t=" + context.minSigners() + " distinct helpers, got " + helpers);
    }
    context.identityOf(lost);
    for (Identifier h : sorted) {
      context.identityOf(h);
      if (h.equals(lost)) {
        throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "participant " + lost + " cannot help repair itself", lost);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] suite = dialect.contextString().getBytes(StandardCharsets.US_ASCII);
    writeU16(out, suite.length);
    out.writeBytes(suite);
    out.writeBytes(context.encode());
    out.writeBytes(groupTranscript);
    out.writeBytes(lost.encode());
    writeU16(out, sorted.size());
    sorted.forEach(h -> out.writeBytes(h.encode()));
    return TaggedHash.of(TAG, out.toByteArray());
  }

  private static void writeU16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }
}
