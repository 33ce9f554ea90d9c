package dev.custos.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.keys.Network;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BIP-322 vectors (bitcoin/bips, made by btcd), unmodified. Signatures of the single-key types
 * Custos accepts must verify through bitcoin-kmp's interpreter; every other type (multisig, P2SH
 * of a script, taproot script path, time locks) and every "error" vector must be refused.
 */
class Bip322VectorTest {
  private static final Set<String> ACCEPTED_TYPES = Set.of("p2wpkh", "p2tr", "p2pkh", "p2sh-p2wpkh");

  static JsonNode read(String name) throws IOException {
    try (InputStream in = Bip322VectorTest.class.getResourceAsStream("/vectors/bip322/" + name)) {
      return new ObjectMapper().readTree(in);
    }
  }

  static List<Arguments> signatures() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String file : List.of("bip322-basic-test-vectors.json", "bip322-generated-test-vectors.json")) {
      JsonNode root = read(file);
      for (String variant : List.of("simple", "full")) {
        for (JsonNode v : root.path(variant)) {
          for (JsonNode sig : v.get("bip322_signatures")) {
            out.add(Arguments.of(file + " " + variant + " " + v.get("type").asText(), v.get("type").asText(),
                v.get("message").asText(), v.get("address").asText(), sig.asText()));
          }
        }
      }
    }
    assertThat(out).hasSize(20);
    return out;
  }

  static List<Arguments> errors() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String file : List.of("bip322-basic-test-vectors.json", "bip322-generated-test-vectors.json")) {
      for (JsonNode v : read(file).get("error")) {
        out.add(Arguments.of(v.get("description").asText(), v.get("message").asText(), v.get("address").asText(), v.get("signature").asText()));
      }
    }
    assertThat(out).hasSize(36);
    return out;
  }

  static List<Arguments> hashes() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode v : read("bip322-basic-test-vectors.json").get("tx_hashes")) {
      out.add(Arguments.of(v.get("message").asText(), v.get("address").asText(), v.get("message_hash").asText(),
          v.get("to_spend_tx_hash").asText(), v.get("to_sign_tx_hash").asText()));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("hashes")
  void messageHashAndVirtualTransactions(String message, String address, String messageHash, String toSpendTxid, String toSignTxid)
      throws Exception {
    byte[] m = message.getBytes(StandardCharsets.UTF_8);
    assertThat(Bip322.messageHash(m).toHex()).isEqualTo(messageHash);
    Transaction toSpend = Bip322.toSpend(ApproverAddress.parse(address, Network.MAINNET).scriptPubKey(), m);
    assertThat(toSpend.txid.toString()).isEqualTo(toSpendTxid);
    assertThat(Bip322.toSign(toSpend, ScriptWitness.Companion.getEmpty()).txid.toString()).isEqualTo(toSignTxid);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatures")
  void signaturesOfAcceptedTypesVerifyAndOthersAreRefused(String name, String type, String message, String address, String signature) {
    if (ACCEPTED_TYPES.contains(type)) {
      assertThatNoRejection(message, address, signature);
    } else {
      assertThatThrownBy(() -> verify(message, address, signature)).isInstanceOf(SignatureRejectedException.class);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void errorVectorsAreRefused(String description, String message, String address, String signature) {
    assertThatThrownBy(() -> verify(message, address, signature))
        .isInstanceOf(SignatureRejectedException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void proofOfFundsIsRefusedAsUnsupported() throws Exception {
    for (JsonNode v : read("bip322-generated-test-vectors.json").get("proof_of_funds")) {
      assertThatThrownBy(() -> verify(v.get("message").asText(), v.get("address").asText(), v.get("bip322_signatures").get(0).asText()))
          .isInstanceOfSatisfying(SignatureRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(SignatureRejectedException.Reason.UNSUPPORTED));
    }
  }

  @Test
  void aFlippedByteInAValidSimpleSignatureIsRefused() throws Exception {
    JsonNode v = read("bip322-basic-test-vectors.json").get("simple").get(1);
    byte[] body = java.util.Base64.getDecoder().decode(v.get("bip322_signatures").get(0).asText().substring(3));
    for (int i = 3; i < body.length; i += 7) {
      byte[] mutated = body.clone();
      mutated[i] ^= 0x01;
      String sig = "smp" + java.util.Base64.getEncoder().encodeToString(mutated);
      assertThatThrownBy(() -> verify(v.get("message").asText(), v.get("address").asText(), sig))
          .as("byte %d", i).isInstanceOf(SignatureRejectedException.class);
    }
  }

  @Test
  void theTaprootVectorWithoutPrefixIsTheSimpleVariant() throws Exception {
    JsonNode v = read("bip322-basic-test-vectors.json").get("simple").get(3);
    assertThat(v.get("bip322_signatures").get(0).asText()).doesNotStartWith("smp");
    assertThatNoRejection(v.get("message").asText(), v.get("address").asText(), v.get("bip322_signatures").get(0).asText());
  }

  private static void assertThatNoRejection(String message, String address, String signature) {
    try {
      verify(message, address, signature);
    } catch (SignatureRejectedException e) {
      throw new AssertionError("expected a valid signature: " + e.reason() + ": " + e.getMessage(), e);
    }
  }

  private static void verify(String message, String address, String signature) throws SignatureRejectedException {
    Bip322.verify(message.getBytes(StandardCharsets.UTF_8), signature, ApproverAddress.parse(address, Network.MAINNET));
  }
}
