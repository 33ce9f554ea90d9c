package dev.custos.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9106 §5.3 Argon2id vector (vectors/argon2, see SOURCE.md), computed through the same
 * Bouncy Castle configuration the sealer uses ({@link Argon2id#parameters}), with the vector's
 * secret and associated data added.
 */
class Argon2idVectorTest {

  static List<Map<String, String>> vectors() throws IOException {
    String text;
    try (InputStream in = Argon2idVectorTest.class.getResourceAsStream("/vectors/argon2/rfc9106-argon2id.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Map<String, String>> vectors = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          vectors.add(current);
          current = new LinkedHashMap<>();
        }
      } else if (!line.startsWith("#")) {
        String[] kv = line.split("=", 2);
        current.put(kv[0].strip(), kv[1].strip());
      }
    }
    if (!current.isEmpty()) {
      vectors.add(current);
    }
    assertThat(vectors).isNotEmpty();
    return vectors;
  }

  @ParameterizedTest(name = "RFC 9106 vector {index}")
  @MethodSource("vectors")
  void matchesTheRfcTag(Map<String, String> v) {
    HexFormat hex = HexFormat.of();
    assertThat(v.get("type")).isEqualTo("argon2id");
    assertThat(Integer.parseInt(v.get("version"))).isEqualTo(PassphraseHeader.ARGON2_VERSION);
    Argon2Params params =
        new Argon2Params(
            Integer.parseInt(v.get("memory_kib")), Integer.parseInt(v.get("passes")), Integer.parseInt(v.get("lanes")));
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        Argon2id.parameters(params, hex.parseHex(v.get("salt")))
            .withSecret(hex.parseHex(v.get("secret")))
            .withAdditional(hex.parseHex(v.get("associated_data")))
            .build());
    byte[] tag = new byte[Integer.parseInt(v.get("tag_length"))];
    generator.generateBytes(hex.parseHex(v.get("password")), tag);
    assertThat(hex.formatHex(tag)).isEqualTo(v.get("tag"));
  }
}
