package dev.custos.ldk.signer;

import dev.custos.core.keys.KeyPath;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * Names one channel's keys: the two hardened indexes below {@link LightningKeyPaths#CHANNELS}.
 * Drawn at random when a channel is created (62 bits, so two channels of one seed collide with
 * negligible probability and no counter needs to survive a restart). Encoded in LDK's 32-byte
 * {@code channel_keys_id} as {@code high || low} (big-endian u32 each) followed by 24 zero bytes.
 */
public record ChannelKeyId(int high, int low) {
  public static final int ENCODED_LENGTH = 32;

  public ChannelKeyId {
    if (high < 0 || low < 0) {
      throw new IllegalArgumentException("channel key indexes must be in [0, 2^31), got " + high + "/" + low);
    }
  }

  public static ChannelKeyId random(SecureRandom random) {
    return new ChannelKeyId(random.nextInt() & Integer.MAX_VALUE, random.nextInt() & Integer.MAX_VALUE);
  }

  /** {@code m/67858384'/2'/1'/high'/low'}. */
  public KeyPath path() {
    return LightningKeyPaths.CHANNELS.child(KeyPath.hardened(high)).child(KeyPath.hardened(low));
  }

  public byte[] encode() {
    return ByteBuffer.allocate(ENCODED_LENGTH).putInt(high).putInt(low).array();
  }

  /** @throws IllegalArgumentException when {@code encoded} is not a Custos channel key id */
  public static ChannelKeyId decode(byte[] encoded) {
    if (encoded == null || encoded.length != ENCODED_LENGTH) {
      throw new IllegalArgumentException("channel_keys_id must be " + ENCODED_LENGTH + " bytes");
    }
    for (int i = 8; i < ENCODED_LENGTH; i++) {
      if (encoded[i] != 0) {
        throw new IllegalArgumentException("channel_keys_id byte " + i + " must be 0 in a Custos id");
      }
    }
    ByteBuffer b = ByteBuffer.wrap(encoded);
    int high = b.getInt();
    int low = b.getInt();
    if (high < 0 || low < 0) {
      throw new IllegalArgumentException("channel_keys_id indexes must be below 2^31");
    }
    return new ChannelKeyId(high, low);
  }

  @Override
  public String toString() {
    return high + "/" + low;
  }
}
