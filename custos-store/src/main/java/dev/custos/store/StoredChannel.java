package dev.custos.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One Lightning channel's state as stored: its 32-byte id, the version of this state (1 at setup,
 * +1 per transition) and the encoded state (custos-core {@code ChannelStateCodec}; the store does
 * not interpret it). Equal by content; the arrays are copied in and out.
 */
public record StoredChannel(byte[] channelId, long version, byte[] state, Instant updatedAt) {
  public StoredChannel {
    if (channelId == null || channelId.length != 32 || state == null || state.length == 0) {
      throw new IllegalArgumentException("a stored channel needs a 32-byte id and a non-empty state");
    }
    if (version < 1) {
      throw new IllegalArgumentException("a stored channel's version starts at 1, got " + version);
    }
    Objects.requireNonNull(updatedAt, "updatedAt");
    channelId = channelId.clone();
    state = state.clone();
  }

  @Override
  public byte[] channelId() {
    return channelId.clone();
  }

  @Override
  public byte[] state() {
    return state.clone();
  }

  /** Whether the stored state is exactly {@code bytes} (compared without copying the state). */
  public boolean hasState(byte[] bytes) {
    return Arrays.equals(state, bytes);
  }

  /** Whether this row belongs to channel {@code id} (compared without copying the id). */
  public boolean isChannel(byte[] id) {
    return Arrays.equals(channelId, id);
  }

  public String channelIdHex() {
    return HexFormat.of().formatHex(channelId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredChannel c && Arrays.equals(channelId, c.channelId) && version == c.version
        && Arrays.equals(state, c.state) && updatedAt.equals(c.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(channelId), version, updatedAt);
  }

  @Override
  public String toString() {
    return "StoredChannel[id=" + channelIdHex() + ", version=" + version + ", state=" + state.length + " bytes, updatedAt="
        + updatedAt + "]";
  }
}
