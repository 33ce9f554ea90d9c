package dev.custos.core.ln.signer;

import fr.acinq.bitcoin.ByteVector32;
import java.util.HexFormat;

/**
 * The 32-byte identifier under which the signer keeps one channel (LDK's {@code channel_keys_id},
 * CLN's dbid mapped to 32 bytes). It selects the channel's keys and its stored state; it is not
 * secret.
 */
public record ChannelId(ByteVector32 value) {
  public ChannelId {
    if (value == null) {
      throw new IllegalArgumentException("channel id must be present");
    }
  }

  /** Parses 64 hex characters. */
  public static ChannelId fromHex(String hex) {
    if (hex == null || hex.length() != 64) {
      throw new IllegalArgumentException("channel id must be 64 hex characters, got "
          + (hex == null ? "none" : hex.length() + " characters"));
    }
    try {
      return new ChannelId(new ByteVector32(HexFormat.of().parseHex(hex)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("channel id is not hexadecimal: " + hex);
    }
  }

  public String toHex() {
    return value.toHex();
  }

  @Override
  public String toString() {
    return toHex();
  }
}
