package dev.custos.core.frost;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The transcript hash of a share refresh ceremony ({@link RefreshCeremony}): one 32-byte digest of
 * the ciphersuite, the refresh's {@link DkgContext} (its own fresh ceremony id), the transcript hash
 * of the key being refreshed (the DKG's, or the previous refresh's: refreshes form a chain), and
 * every participant's refresh commitment. Participants that computed the same hash refresh the
 * same key with the same commitments; it is the associated data of every encrypted refresh share
 * and what every participant certifies.
 *
 * <p>{@code TaggedHash("custos/frost-refresh/transcript/v1", u16 len || contextString || context ||
 * previous transcript hash (32) || (identifier (32) || u16 len || commitment)*)}, ascending
 * identifiers, commitments as {@link VssCommitment#encode()} ({@code t - 1} points, the zero
 * constant term omitted).
 */
public final class RefreshTranscript {
  private static final String TAG = "custos/frost-refresh/transcript/v1";

  private RefreshTranscript() {}

  /**
   * @throws FrostException {@code INVALID_PARTICIPANTS} unless {@code commitments} holds exactly
   *     one commitment for every participant of {@code context}; {@code MALFORMED_ENCODING} unless
   *     {@code previous} has 32 bytes
   */
  public static byte[] hash(FrostDialect dialect, DkgContext context, byte[] previous, Map<Identifier, VssCommitment> commitments)
      throws FrostException {
    if (previous == null || previous.length != 32) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "previous transcript hash must be 32 bytes");
    }
    if (!commitments.keySet().equals(context.participants().keySet())) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS,
          "refresh commitments are from " + new TreeMap<>(commitments).keySet() + ", expected " + context.participants().keySet());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeWithLength(out, dialect.contextString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(context.encode());
    out.writeBytes(previous);
    for (var e : new TreeMap<>(commitments).entrySet()) {
      out.writeBytes(e.getKey().encode());
      writeWithLength(out, e.getValue().encode());
    }
    return TaggedHash.of(TAG, out.toByteArray());
  }

  private static void writeWithLength(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }
}
