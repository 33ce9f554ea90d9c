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
 * threshold {@code t}, the participants with their pinned {@link IdentityPublicKey}s, and the
 * application's own agreed data about the ceremony (opaque here; Custos puts a digest of the
 * network and every member's TLS pin and address there). Its canonical {@link #encode()
 * encoding} opens the transcript hash, so a participant that was told another threshold, member,
 * identity key or application data computes a different transcript, and the certificates over it
 * bind all of them.
 */
public final class DkgContext {
  /** Upper bound on {@code n}, so every transcript field fits its 16-bit length. */
  public static final int MAX_PARTICIPANTS = 1000;

  /** Upper bound on the application data, so it fits its 16-bit length. */
  public static final int MAX_APPLICATION_DATA = 0xffff;

  private final byte[] ceremonyId;
  private final int minSigners;
  private final SortedMap<Identifier, IdentityPublicKey> participants;
  private final byte[] applicationData;

  /** A context without application data. */
  public DkgContext(byte[] ceremonyId, int minSigners, Map<Identifier, IdentityPublicKey> participants) throws FrostException {
    this(ceremonyId, minSigners, participants, new byte[0]);
  }

  /**
   * @throws FrostException {@code INVALID_PARTICIPANTS} unless {@code 2 <= minSigners <= n <=
   *     MAX_PARTICIPANTS}, or
   *     when two participants share an identity key; {@code MALFORMED_ENCODING} unless the id has
   *     32 bytes or the application data more than {@link #MAX_APPLICATION_DATA} bytes
   */
  public DkgContext(byte[] ceremonyId, int minSigners, Map<Identifier, IdentityPublicKey> participants, byte[] applicationData)
      throws FrostException {
    if (ceremonyId == null || ceremonyId.length != 32) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "ceremony id must be 32 bytes");
    }
    if (applicationData == null || applicationData.length > MAX_APPLICATION_DATA) {
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING,
          "application data must be at most " + MAX_APPLICATION_DATA + " bytes");
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
    this.applicationData = applicationData.clone();
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

  /** The application's agreed data about this ceremony (empty if none). */
  public byte[] applicationData() {
    return applicationData.clone();
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
   * {@code ceremonyId (32) || t (u16) || n (u16) || (identifier (32) || identity key (32))* ||
   * u16 len || application data}, participants in ascending identifier order.
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
    out.write(applicationData.length >>> 8);
    out.write(applicationData.length);
    out.writeBytes(applicationData);
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
