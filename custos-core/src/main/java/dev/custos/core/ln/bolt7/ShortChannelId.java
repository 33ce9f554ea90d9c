package dev.custos.core.ln.bolt7;

/**
 * BOLT 7 {@code short_channel_id}: where the funding output is on chain, as the 8 bytes
 * {@code block_height (3) || tx_index (3) || output_index (2)}, big-endian.
 */
public record ShortChannelId(int blockHeight, int txIndex, int outputIndex) {
  public ShortChannelId {
    if (blockHeight < 0 || blockHeight > 0xffffff || txIndex < 0 || txIndex > 0xffffff || outputIndex < 0
        || outputIndex > 0xffff) {
      throw new IllegalArgumentException("short_channel_id fields out of range: " + blockHeight + "x" + txIndex + "x" + outputIndex);
    }
  }

  /** The 8-byte big-endian form read as an unsigned integer (LDK passes it as a {@code long}). */
  public static ShortChannelId fromLong(long value) {
    return new ShortChannelId((int) (value >>> 40) & 0xffffff, (int) (value >>> 16) & 0xffffff, (int) value & 0xffff);
  }

  public long toLong() {
    return ((long) blockHeight << 40) | ((long) txIndex << 16) | outputIndex;
  }

  /** The usual {@code BLOCKxTXxOUTPUT} notation. */
  @Override
  public String toString() {
    return blockHeight + "x" + txIndex + "x" + outputIndex;
  }
}
