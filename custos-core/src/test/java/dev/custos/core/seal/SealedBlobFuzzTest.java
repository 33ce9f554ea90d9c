package dev.custos.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the bytes, {@link SealedBlob#decode} either returns a blob whose encoding is exactly
 * those bytes, or throws {@link SealFormatException}; nothing else escapes. The seed corpus holds
 * the golden blob, so mutations reach every field.
 */
class SealedBlobFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlySealFormatException(byte[] data) {
    try {
      assertThat(SealedBlob.decode(data).encode()).isEqualTo(data);
    } catch (SealFormatException e) {
      assertThat(e.getMessage()).startsWith("sealed file: ");
    }
  }
}
