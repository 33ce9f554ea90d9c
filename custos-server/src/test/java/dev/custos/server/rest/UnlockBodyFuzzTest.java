package dev.custos.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.proto.v1.UnlockRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * UnlockBody.parse on arbitrary bytes: only IllegalArgumentException may escape, with one of a
 * closed set of messages (never repeating the input); whatever parses is a request whose passphrase re-encodes
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
      // A closed set of messages: the body (maybe a passphrase) is never echoed.
      String m = expected.getMessage();
      assertThat(java.util.Set.of("expected a JSON object {\"passphrase\": \"<base64>\"}", "the only field is \"passphrase\" (once)",
          "passphrase: must be a base64 string", "trailing content after the JSON object").contains(m)
          || m.matches("not JSON or not base64 \\([A-Za-z]+\\)")).as(m).isTrue();
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
