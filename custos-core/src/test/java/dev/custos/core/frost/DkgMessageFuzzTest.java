package dev.custos.core.frost;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Whatever the bytes, the DKG ceremony decoders (encrypted share envelope, transcript
 * certificate, identity key) either return a value that re-encodes to exactly those bytes or
 * throw {@link FrostException} with kind {@code MALFORMED_ENCODING}. The first byte selects the
 * decoder.
 */
class DkgMessageFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlyFrostException(byte[] data) {
    if (data.length == 0) {
      return;
    }
    byte[] body = Arrays.copyOfRange(data, 1, data.length);
    try {
      switch (Math.floorMod(data[0], 3)) {
        case 0 -> assertThat(EncryptedShare.decode(body).encode()).isEqualTo(body);
        case 1 -> assertThat(DkgCertificate.decode(body).encode()).isEqualTo(body);
        default -> assertThat(IdentityPublicKey.decode(body).encode()).isEqualTo(body);
      }
    } catch (FrostException e) {
      assertThat(e.kind()).isEqualTo(FrostException.Kind.MALFORMED_ENCODING);
      assertThat(e.getMessage()).startsWith("frost: ");
    }
  }
}
