package dev.custos.ldk.adapter;

import dev.custos.ldk.signer.ChannelKeyId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What LDK persists for a Custos channel signer inside its ChannelMonitor ({@code Sign::write},
 * read back by {@code KeysInterface::read_chan_signer}). No secret: the keys are re-derived from the
 * seed by the key id.
 *
 * <pre>
 * u8  version = 1
 * u32 key id high, u32 key id low      (ChannelKeyId)
 * u64 channel value in satoshis
 * u32 length, then that many bytes of LDK's ChannelTransactionParameters (0 before ready_channel)
 * </pre>
 *
 * <p>Frozen: version 1 must keep decoding. {@link #decode} refuses any other version, truncation or
 * trailing bytes with an {@link IllegalArgumentException} naming the field.
 */
record SignerRecord(ChannelKeyId keyId, long channelValueSatoshis, Optional<byte[]> channelParameters) {
  static final int VERSION = 1;
  private static final int HEADER = 1 + 4 + 4 + 8 + 4;

  SignerRecord {
    if (channelValueSatoshis < 0) {
      throw new IllegalArgumentException("channel value must be >= 0 sat, got " + channelValueSatoshis);
    }
    channelParameters = channelParameters.map(byte[]::clone);
  }

  byte[] encode() {
    byte[] p = channelParameters.orElse(new byte[0]);
    return ByteBuffer.allocate(HEADER + p.length).put((byte) VERSION).putInt(keyId.high()).putInt(keyId.low())
        .putLong(channelValueSatoshis).putInt(p.length).put(p).array();
  }

  static SignerRecord decode(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data);
    try {
      int version = b.get() & 0xff;
      if (version != VERSION) {
        throw new IllegalArgumentException("signer record version " + version + " is not " + VERSION);
      }
      int high = b.getInt();
      int low = b.getInt();
      if (high < 0 || low < 0) {
        throw new IllegalArgumentException("signer record key id indexes must be below 2^31");
      }
      long value = b.getLong();
      int length = b.getInt();
      if (length < 0 || length != b.remaining()) {
        throw new IllegalArgumentException("signer record declares " + Integer.toUnsignedString(length)
            + " parameter bytes but " + b.remaining() + " follow");
      }
      byte[] p = new byte[length];
      b.get(p);
      return new SignerRecord(new ChannelKeyId(high, low), value, length == 0 ? Optional.empty() : Optional.of(p));
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("signer record truncated at byte " + b.position() + " of " + data.length);
    }
  }
}
