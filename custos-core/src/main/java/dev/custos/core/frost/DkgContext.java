package dev.custos.core.frost;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a DKG ceremony is about, agreed before it starts and identical for every participant: a
 * 32-byte ceremony id (fresh for each ceremony, so transcripts and share keys never repeat), the
 * threshold {@code t} and the participants with their pinned {@link IdentityPublicKey}s. Its
 * canonical {@link #encode() encoding} opens the transcript hash, so a participant that was told
 * another threshold, member or identity key computes a different transcript.
 */
public final class DkgContext {
  /** Upper bound on {@code n}, so every transcript field fits its 16-bit length. */
  public static final int MAX_PARTICIPANTS = 1000;

  private final byte[] ceremonyId;
  private final int minSigners;
  private final SortedMap<Identifier, IdentityPublicKey> participants;

  /**
   * @throws FrostException {@code INVALID_PARTICIPANTS} unless {@code 2 <= minSigners <= n <=
   *     MAX_PARTICIPANTS}, or
   *     when two participants share an identity key; {@code MALFORMED_ENCODING} unless the id has
   *     32 bytes
   */
  public DkgContext(byte[] ceremonyId, int minSigners, Map<Identifier, IdentityPublicKey> participants) throws FrostException {
    if (ceremonyId == null || ceremonyId.length != 32) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "ceremony id must be 32 bytes");
    }
    int n = participants.size();
    if (minSigners < 2 || minSigners > n || n > MAX_PARTICIPANTS) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS,
          "threshold must satisfy 2 <= t <= n <= " + MAX_PARTICIPANTS + ", got t=" + minSigners + " n=" + n);
    }
    if (new HashSet<>(participants.values()).size() != n) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "two participants share an identity key");
    }
    this.ceremonyId = ceremonyId.clone();
    this.minSigners = minSigners;
    this.participants = Collections.unmodifiableSortedMap(new TreeMap<>(participants));
  }

  public byte[] ceremonyId() {
    return ceremonyId.clone();
  }

  public int minSigners() {
    return minSigners;
  }

  public int maxSigners() {
    return participants.size();
  }

  /** Participants in ascending identifier order. */
  public SortedMap<Identifier, IdentityPublicKey> participants() {
    return participants;
  }

  /** The pinned identity key of {@code id}. */
  public IdentityPublicKey identityOf(Identifier id) throws FrostException {
    IdentityPublicKey key = participants.get(id);
    if (key == null) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, id + " is not a participant of this ceremony", id);
    }
    return key;
  }

  /**
   * {@code ceremonyId (32) || t (u16) || n (u16) || (identifier (32) || identity key (32))*} in
   * ascending identifier order.
   */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ceremonyId);
    out.write(minSigners >>> 8);
    out.write(minSigners);
    out.write(participants.size() >>> 8);
    out.write(participants.size());
    participants.forEach((id, key) -> {
      out.writeBytes(id.encode());
      out.writeBytes(key.encode());
    });
    return out.toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DkgContext other && Arrays.equals(encode(), other.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "DkgContext[t=" + minSigners + ", n=" + participants.size() + ", participants=" + participants.keySet() + "]";
  }
}
