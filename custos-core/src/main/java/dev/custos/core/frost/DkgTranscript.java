package dev.custos.core.frost;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DKG transcript hash: one 32-byte digest of the ciphersuite, the {@link DkgContext} and every
 * participant's round-one package, in a canonical encoding. Participants that computed the same
 * hash saw the same commitments, hence derive the same group key and verifying shares; it is the
 * associated data of every round-two share and what every participant certifies at the end.
 *
 * <p>{@code TaggedHash("custos/frost-dkg/transcript/v2", u16 len || contextString || context ||
 * (identifier (32) || u16 len || commitment || u16 len || proof of knowledge)*)}, ascending
 * identifiers, commitments as {@link VssCommitment#encode()}, proofs in the dialect's encoding.
 * (v2: the context encoding ends with the application data; v1 had none.)
 */
public final class DkgTranscript {
  private static final String TAG = "custos/frost-dkg/transcript/v2";

  private DkgTranscript() {}

  /**
   * @throws FrostException {@code INVALID_PARTICIPANTS} unless {@code packages} holds exactly one
   *     package for every participant of {@code context}
   */
  public static byte[] hash(FrostDialect dialect, DkgContext context, Map<Identifier, Dkg.Round1Package> packages)
      throws FrostException {
    if (!packages.keySet().equals(context.participants().keySet())) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS,
          "round-one packages are from " + new TreeMap<>(packages).keySet() + ", expected " + context.participants().keySet());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeWithLength(out, dialect.contextString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(context.encode());
    for (var e : new TreeMap<>(packages).entrySet()) {
      out.writeBytes(e.getKey().encode());
      writeWithLength(out, e.getValue().commitment().encode());
      writeWithLength(out, e.getValue().proofOfKnowledge().encode(dialect));
    }
    return TaggedHash.of(TAG, out.toByteArray());
  }

  private static void writeWithLength(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }
}
