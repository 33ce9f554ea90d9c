package dev.custos.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A FROST participant's round-one nonces as stored: bound to a signing session id and the hash of
 * the PSBT being signed, sealed by the caller (the store never sees the plain nonces), and their
 * state. {@link State#UNUSED} nonces may be used once; {@link State#USED} is final. Equal by
 * content; the arrays are copied in and out.
 *
 * @param sessionId the signing session id, 32 bytes
 * @param participant the FROST identifier, 32 bytes ({@code SerializeScalar})
 * @param usedAt present exactly when the state is {@code USED}
 */
public record StoredFrostNonces(
    byte[] sessionId, byte[] participant, byte[] psbtHash, byte[] sealedNonces, State state, Instant createdAt,
    Optional<Instant> usedAt) {

  /** Whether the nonces may still be used. */
  public enum State {
    UNUSED,
    USED
  }

  public StoredFrostNonces {
    if (sessionId == null || sessionId.length != 32 || participant == null || participant.length != 32 || psbtHash == null
        || psbtHash.length != 32 || sealedNonces == null || sealedNonces.length == 0) {
      throw new IllegalArgumentException(
          "stored FROST nonces need a 32-byte session id, a 32-byte participant, a 32-byte PSBT hash and a sealed blob");
    }
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(usedAt, "usedAt");
    if ((state == State.USED) != usedAt.isPresent()) {
      throw new IllegalArgumentException("usedAt must be present exactly when the nonces are USED");
    }
    sessionId = sessionId.clone();
    participant = participant.clone();
    psbtHash = psbtHash.clone();
    sealedNonces = sealedNonces.clone();
  }

  /** Fresh nonces to insert: {@code UNUSED}, never used. */
  public static StoredFrostNonces unused(byte[] sessionId, byte[] participant, byte[] psbtHash, byte[] sealedNonces, Instant createdAt) {
    return new StoredFrostNonces(sessionId, participant, psbtHash, sealedNonces, State.UNUSED, createdAt, Optional.empty());
  }

  @Override
  public byte[] sessionId() {
    return sessionId.clone();
  }

  @Override
  public byte[] participant() {
    return participant.clone();
  }

  @Override
  public byte[] psbtHash() {
    return psbtHash.clone();
  }

  @Override
  public byte[] sealedNonces() {
    return sealedNonces.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredFrostNonces other
        && Arrays.equals(sessionId, other.sessionId)
        && Arrays.equals(participant, other.participant)
        && Arrays.equals(psbtHash, other.psbtHash)
        && Arrays.equals(sealedNonces, other.sealedNonces)
        && state == other.state
        && createdAt.equals(other.createdAt)
        && usedAt.equals(other.usedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(sessionId), Arrays.hashCode(participant), Arrays.hashCode(psbtHash),
        Arrays.hashCode(sealedNonces), state, createdAt, usedAt);
  }

  /** Ids in hex and the state; the sealed blob only by its length. */
  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return "StoredFrostNonces[session=" + hex.formatHex(sessionId) + ", participant=" + hex.formatHex(participant) + ", psbtHash="
        + hex.formatHex(psbtHash) + ", sealed=" + sealedNonces.length + " bytes, state=" + state + ", createdAt=" + createdAt
        + ", usedAt=" + usedAt.map(Instant::toString).orElse("-") + "]";
  }
}
