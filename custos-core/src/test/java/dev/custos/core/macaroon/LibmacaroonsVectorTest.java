package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every libmacaroons test file (vectors/macaroons/libmacaroons, unmodified) as libmacaroons'
 * own harness does (macaroon-test-verifier.c, doc/tests.txt): each macaroon line is base64 of a
 * serialized macaroon, the first is verified with {@code key} (passed through the key derivation,
 * "macaroon_create, not macaroon_create_raw") against a verifier that satisfies exactly the
 * {@code exact} predicates, the rest are discharges.
 */
class LibmacaroonsVectorTest {
  private static final List<String> VTESTS = List.of(
      "root_v1_1", "root_v1_2", "root_v2_1", "root_v2_2",
      "caveat_v1_1", "caveat_v1_2", "caveat_v1_3", "caveat_v1_4", "caveat_v1_5", "caveat_v1_6",
      "caveat_v2_1", "caveat_v2_2", "caveat_v2_3", "caveat_v2_4", "caveat_v2_5", "caveat_v2_6");

  static Stream<String> vtests() {
    return VTESTS.stream();
  }

  static Stream<String> serializations() {
    return Stream.of("serialization_1", "serialization_2", "serialization_3");
  }

  static List<String> lines(String name) throws IOException {
    try (InputStream in = LibmacaroonsVectorTest.class.getResourceAsStream("/vectors/macaroons/libmacaroons/" + name)) {
      assertThat(in).as(name + " on the test class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vtests")
  void verifiesAsLibmacaroons(String name) throws Exception {
    Boolean authorized = null;
    byte[] key = null;
    Set<String> exact = new HashSet<>();
    List<Macaroon> macaroons = new ArrayList<>();
    for (String line : lines(name + ".vtest")) {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("version ")) {
        continue;
      }
      if (line.equals("authorized") || line.equals("unauthorized")) {
        authorized = line.equals("authorized");
      } else if (line.startsWith("key ")) {
        key = line.substring(4).getBytes(StandardCharsets.UTF_8);
      } else if (line.startsWith("exact ")) {
        exact.add(line.substring(6));
      } else if (line.startsWith("general ")) {
        throw new AssertionError("general caveats are not used by these vectors: " + line);
      } else {
        macaroons.add(Macaroon.fromBase64(line));
      }
    }
    assertThat(authorized).isNotNull();
    assertThat(macaroons).isNotEmpty();
    boolean verified;
    try (SecretBytes rootKey = SecretBytes.copyOf(key)) {
      List<FirstPartyCaveat> conditions =
          macaroons.getFirst().verifySignature(rootKey, macaroons.subList(1, macaroons.size()));
      verified = conditions.stream().allMatch(c -> exact.contains(c.condition()));
    } catch (MacaroonVerificationException e) {
      assertThat(e.getMessage()).isEqualTo("signature mismatch after caveat verification");
      verified = false;
    }
    assertThat(verified).as(name).isEqualTo(authorized);
  }

  /**
   * The v1 and v2 lines of a serialization file are the same macaroon: v1 decodes, v2 decodes and
   * re-encodes byte-for-byte, and the v2j JSON line (read here with Jackson, as an independent
   * reader) names the same location, identifier, caveats and signature; JSON itself is refused by
   * {@link Macaroon#deserialize} with a clear message.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("serializations")
  void serializationFormatsAgree(String name) throws Exception {
    Macaroon v1 = null;
    byte[] v2Bytes = null;
    byte[] v2jBytes = null;
    for (String line : lines(name)) {
      String[] parts = line.split(" ", 2);
      byte[] raw = Base64.getUrlDecoder().decode(parts[1].replace("=", ""));
      switch (parts[0]) {
        case "v1" -> v1 = Macaroon.deserialize(raw);
        case "v2" -> v2Bytes = raw;
        case "v2j" -> v2jBytes = raw;
        default -> throw new AssertionError("unexpected line " + parts[0]);
      }
    }
    Macaroon v2 = Macaroon.decode(v2Bytes);
    assertThat(v2.encode()).isEqualTo(v2Bytes);
    assertThat(Macaroon.deserialize(v2Bytes)).isEqualTo(v2);
    assertThat(v1).isEqualTo(v2);
    assertThat(v1.encode()).isEqualTo(v2Bytes);

    JsonNode v2j = new ObjectMapper().readTree(v2jBytes);
    assertThat(v2.location()).isEqualTo(v2j.get("l").asText());
    assertThat(new String(v2.identifier(), StandardCharsets.UTF_8)).isEqualTo(v2j.get("i").asText());
    assertThat(v2.signature()).isEqualTo(Base64.getUrlDecoder().decode(v2j.get("s64").asText()));
    List<String> conditions = new ArrayList<>();
    v2j.get("c").forEach(c -> conditions.add(c.get("i").asText()));
    assertThat(v2.caveats()).extracting(c -> new String(c.identifier(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(conditions);
    byte[] json = v2jBytes;
    assertThatThrownBy(() -> Macaroon.deserialize(json))
        .isInstanceOf(MacaroonFormatException.class)
        .hasMessageContaining("JSON");
  }
}
