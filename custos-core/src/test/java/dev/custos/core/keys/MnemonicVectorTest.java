package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** BIP39 English vectors (trezor/python-mnemonic, as shipped by bitcoin-kmp); passphrase TREZOR. */
class MnemonicVectorTest {
  private static final byte[] PASSPHRASE = "TREZOR".getBytes(StandardCharsets.UTF_8);

  static List<Arguments> vectors() throws IOException {
    try (InputStream in = MnemonicVectorTest.class.getResourceAsStream("/vectors/keys/bip39-vectors.json")) {
      JsonNode english = new ObjectMapper().readTree(in).get("english");
      List<Arguments> out = new ArrayList<>();
      for (JsonNode v : english) {
        out.add(Arguments.of(v.get(0).asText(), v.get(1).asText(), v.get(2).asText()));
      }
      assertThat(out).hasSize(24);
      return out;
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void entropyGivesTheMnemonicAndTheSeed(String entropyHex, String mnemonic, String seedHex) {
    try (SecretBytes entropy = SecretBytes.copyOf(HexFormat.of().parseHex(entropyHex));
        Mnemonic m = Mnemonic.fromEntropy(entropy);
        SecretBytes sentence = m.sentence();
        SecretBytes passphrase = SecretBytes.copyOf(PASSPHRASE);
        SecretBytes seed = m.toSeed(passphrase)) {
      assertThat(sentence.copy()).isEqualTo(mnemonic.getBytes(StandardCharsets.UTF_8));
      assertThat(m.wordCount()).isEqualTo(mnemonic.split(" ").length);
      assertThat(HexFormat.of().formatHex(seed.copy())).isEqualTo(seedHex);
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void parsedMnemonicGivesTheSeed(String entropyHex, String mnemonic, String seedHex) throws Exception {
    try (SecretBytes text = SecretBytes.copyOf(mnemonic.getBytes(StandardCharsets.UTF_8));
        Mnemonic m = Mnemonic.parse(text);
        SecretBytes sentence = m.sentence();
        SecretBytes passphrase = SecretBytes.copyOf(PASSPHRASE);
        SecretBytes seed = m.toSeed(passphrase)) {
      assertThat(sentence.copy()).isEqualTo(mnemonic.getBytes(StandardCharsets.UTF_8));
      assertThat(HexFormat.of().formatHex(seed.copy())).isEqualTo(seedHex);
    }
  }
}
