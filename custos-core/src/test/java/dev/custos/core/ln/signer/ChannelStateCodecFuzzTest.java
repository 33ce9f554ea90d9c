package dev.custos.core.ln.signer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the bytes, {@link ChannelStateCodec#decode} returns a state whose encoding is exactly
 * those bytes, or throws {@link ChannelStateFormatException}; nothing else escapes. The seed corpus
 * holds the golden state so mutations reach every field.
 */
class ChannelStateCodecFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlyChannelStateFormatException(byte[] data) {
    try {
      ChannelState state = ChannelStateCodec.decode(data);
      assertThat(ChannelStateCodec.encode(state)).isEqualTo(data);
    } catch (ChannelStateFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
