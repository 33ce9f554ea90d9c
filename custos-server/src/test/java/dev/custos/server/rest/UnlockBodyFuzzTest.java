package dev.custos.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.proto.v1.UnlockRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * UnlockBody.parse on arbitrary bytes: only IllegalArgumentException may escape, with a one-line
 * message that never repeats the input; whatever parses is a request whose passphrase re-encodes
 * to the base64 of a body that parses to the same bytes. Seeds: UnlockBodyFuzzTestInputs/parse/.
 */
class UnlockBodyFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    byte[] body = data.consumeRemainingAsBytes();
    UnlockRequest request;
    try {
      request = UnlockBody.parse(body.clone());
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
      assertThat(expected.getMessage()).doesNotContain("passphrase\": \"");
      return;
    }
    String again = "{\"passphrase\": \"" + Base64.getEncoder().encodeToString(request.getPassphrase().toByteArray()) + "\"}";
    assertThat(UnlockBody.parse(again.getBytes(StandardCharsets.US_ASCII)).getPassphrase()).isEqualTo(request.getPassphrase());
  }

  @Test
  void readsTheBase64PassphraseAndRefusesAnythingElse() {
    assertThat(UnlockBody.parse("{\"passphrase\": \"aGk=\"}".getBytes(StandardCharsets.US_ASCII)).getPassphrase().toStringUtf8())
        .isEqualTo("hi");
    for (String bad : new String[] {"", "[]", "{\"passphrase\": 1}", "{\"pass\": \"aGk=\"}", "{\"passphrase\": \"aGk=\"} x",
        "{\"passphrase\": \"!!\"}"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> UnlockBody.parse(bad.getBytes(StandardCharsets.US_ASCII)))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
