package dev.custos.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.keys.Network;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BIP-137 fixtures signed and judged by bitcoinjs-message (see vectors/bip137/SOURCE.md). Our
 * verdict must equal bitcoinjs-message's: strict BIP-137 ("valid"), except that a compressed-P2PKH
 * header (31..34) over a segwit address follows its checkSegwitAlways verdict
 * ("validSegwitAlways"), the Electrum/Trezor convention Custos accepts.
 */
class Bip137FixtureTest {
  static List<Arguments> cases() throws IOException {
    try (InputStream in = Bip137FixtureTest.class.getResourceAsStream("/vectors/bip137/bitcoinjs-message-fixtures.json")) {
      List<Arguments> out = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
        out.add(Arguments.of(c.get("id").asInt() + " " + c.get("description").asText(), c));
      }
      assertThat(out).hasSize(84);
      return out;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ourVerdictIsBitcoinjsMessages(String name, JsonNode c) throws Exception {
    Network network = Network.parse(c.get("network").asText());
    String type = c.get("addressType").asText();
    boolean segwitAddress = type.equals("p2wpkh") || type.equals("p2sh-p2wpkh");
    boolean electrumHeader = !c.get("validSegwitAlways").isNull();
    boolean expected = segwitAddress && electrumHeader ? c.get("validSegwitAlways").asBoolean() : c.get("valid").asBoolean();
    ApproverKey address = ApproverKey.parse(c.get("address").asText(), network);
    byte[] message = c.get("message").asText().getBytes(StandardCharsets.UTF_8);
    String signature = c.get("signature").asText();
    if (expected) {
      Bip137.verify(message, signature, address);
    } else {
      assertThatThrownBy(() -> Bip137.verify(message, signature, address)).isInstanceOf(SignatureRejectedException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aRegisteredPublicKeyIsProvenByTheSameSignatures(String name, JsonNode c) throws Exception {
    boolean validForItsAddress = c.get("valid").asBoolean() || c.get("validSegwitAlways").asBoolean(false);
    if (!validForItsAddress || name.contains("address of another key") || name.contains("of the same key")) {
      return;
    }
    ApproverKey key = ApproverKey.parse(c.get("publicKey").asText(), Network.MAINNET);
    byte[] message = c.get("message").asText().getBytes(StandardCharsets.UTF_8);
    Bip137.verify(message, c.get("signature").asText(), key);
    assertThatThrownBy(() -> Bip137.verify("another message".getBytes(StandardCharsets.UTF_8), c.get("signature").asText(), key))
        .isInstanceOfSatisfying(SignatureRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(SignatureRejectedException.Reason.INVALID));
  }
}
