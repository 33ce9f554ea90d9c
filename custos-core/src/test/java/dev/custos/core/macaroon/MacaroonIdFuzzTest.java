package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the bytes, {@link MacaroonId#decode} (the hand-written protobuf reader) either returns
 * an identifier that re-encodes to exactly those bytes, or throws {@link MacaroonFormatException}.
 * Seeds: the identifiers of the LND vectors and edge cases.
 */
class MacaroonIdFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlyMacaroonFormatException(byte[] data) {
    try {
      assertThat(MacaroonId.decode(data).encode()).isEqualTo(data);
    } catch (MacaroonFormatException e) {
      assertThat(e.getMessage()).startsWith("macaroon: ");
    }
  }
}
