package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the bytes, {@link Macaroon#decode} either returns a macaroon whose v2 encoding is
 * exactly those bytes, or throws {@link MacaroonFormatException}; nothing else escapes. The
 * libmacaroons-style {@link Macaroon#deserialize} (v1 base64 packets too) likewise only throws
 * that exception. Seeds: the libmacaroons and LND vectors and a macaroon with third-party caveats.
 */
class MacaroonDecodeFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlyMacaroonFormatException(byte[] data) {
    try {
      assertThat(Macaroon.decode(data).encode()).isEqualTo(data);
    } catch (MacaroonFormatException e) {
      assertThat(e.getMessage()).startsWith("macaroon: ");
    }
    try {
      Macaroon m = Macaroon.deserialize(data);
      assertThat(Macaroon.decode(m.encode())).isEqualTo(m);
    } catch (MacaroonFormatException e) {
      assertThat(e.getMessage()).startsWith("macaroon: ");
    }
  }
}
