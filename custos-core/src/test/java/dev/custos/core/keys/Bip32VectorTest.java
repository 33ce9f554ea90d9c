package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BIP32 test vectors 1-5, parsed from the unmodified bip-0032.mediawiki. The expected private
 * keys are decoded with bitcoin-kmp's Base58Check (see {@link SerializedKeys}).
 */
class Bip32VectorTest {
  private static final Pattern VECTOR = Pattern.compile("^===Test vector (\\d+)===$");
  private static final Pattern SEED = Pattern.compile("^Seed \\(hex\\): ([0-9a-f]+)$");
  private static final Pattern CHAIN = Pattern.compile("^\\* Chain (m[^ ]*)$");
  private static final Pattern EXT = Pattern.compile("^\\*\\* ext (pub|prv): (\\w+)$");
  private static final Pattern INVALID = Pattern.compile("^\\* (\\w+) \\((.+)\\)$");

  record Chain(int vector, String seedHex, KeyPath path, String extPub, String extPrv) {}

  record Invalid(String key, String reason) {}

  private static List<String> lines() throws IOException {
    try (InputStream in = Bip32VectorTest.class.getResourceAsStream("/vectors/keys/bip-0032.mediawiki")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  static List<Chain> chains() throws IOException {
    List<Chain> out = new ArrayList<>();
    int vector = 0;
    String seed = null;
    String path = null;
    String pub = null;
    for (String line : lines()) {
      Matcher m;
      if ((m = VECTOR.matcher(line)).matches()) {
        vector = Integer.parseInt(m.group(1));
      } else if ((m = SEED.matcher(line)).matches()) {
        seed = m.group(1);
      } else if ((m = CHAIN.matcher(line)).matches()) {
        path = m.group(1).replace("<sub>H</sub>", "'");
      } else if ((m = EXT.matcher(line)).matches()) {
        if (m.group(1).equals("pub")) {
          pub = m.group(2);
        } else {
          out.add(new Chain(vector, seed, KeyPath.parse(path), pub, m.group(2)));
        }
      }
    }
    assertThat(out).hasSize(6 + 6 + 2 + 3);
    return out;
  }

  static List<Invalid> invalidKeys() throws IOException {
    List<Invalid> out = new ArrayList<>();
    boolean inVector5 = false;
    for (String line : lines()) {
      Matcher v = VECTOR.matcher(line);
      if (v.matches()) {
        inVector5 = v.group(1).equals("5");
      } else if (line.startsWith("==") && !line.startsWith("===")) {
        inVector5 = false;
      } else if (inVector5) {
        Matcher m = INVALID.matcher(line);
        if (m.matches()) {
          out.add(new Invalid(m.group(1), m.group(2)));
        }
      }
    }
    assertThat(out).hasSize(16);
    return out;
  }

  static List<Arguments> chainArguments() throws IOException {
    return chains().stream().map(c -> Arguments.of(c.vector(), c.path().toString(), c)).toList();
  }

  static List<Arguments> invalidArguments() throws IOException {
    return invalidKeys().stream().map(i -> Arguments.of(i.reason(), i)).toList();
  }

  @ParameterizedTest(name = "vector {0} {1}")
  @MethodSource("chainArguments")
  void derivesTheVectorKeys(int vector, String name, Chain c) throws Exception {
    try (SecretBytes seed = SecretBytes.copyOf(HexFormat.of().parseHex(c.seedHex()));
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(seed);
        ExtendedPrivateKey key = master.derive(c.path())) {
      ExtendedPublicKey xpub = key.neuter();
      assertThat(xpub.encode(Network.MAINNET)).isEqualTo(c.extPub());
      assertThat(ExtendedPublicKey.parse(c.extPub())).isEqualTo(xpub);
      assertThat(key.path()).isEqualTo(c.path());

      assertThat(SerializedKeys.assertSamePrivateKey(key, c.extPrv())).isEqualTo(Network.MAINNET.xprvVersion());

      if (c.path().depth() > 0) {
        long last = c.path().indexes().get(c.path().depth() - 1);
        try (ExtendedPrivateKey parent = master.derive(new KeyPath(c.path().indexes().subList(0, c.path().depth() - 1)))) {
          assertThat(key.parentFingerprint()).isEqualTo(parent.fingerprint());
          if (!KeyPath.isHardened(last)) {
            assertThat(parent.neuter().deriveChild(last)).isEqualTo(xpub);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidArguments")
  void rejectsVector5InvalidKeys(String reason, Invalid invalid) {
    assertThatThrownBy(() -> ExtendedPublicKey.parse(invalid.key()))
        .isInstanceOf(InvalidExtendedKeyException.class)
        .hasMessageContaining(expectedMessage(invalid))
        .message().doesNotContain(invalid.key());
  }

  @Test
  void parseWithNetworkChecksTheVersion() throws Exception {
    String xpub = chains().get(0).extPub();
    ExtendedPublicKey key = ExtendedPublicKey.parse(xpub, Network.MAINNET);
    String tpub = key.encode(Network.TESTNET);
    assertThat(tpub).startsWith("tpub");
    assertThat(ExtendedPublicKey.parse(tpub, Network.SIGNET)).isEqualTo(key);
    assertThatThrownBy(() -> ExtendedPublicKey.parse(tpub, Network.MAINNET))
        .isInstanceOf(InvalidExtendedKeyException.class)
        .hasMessage("extended public key has test-network (tpub) version bytes 043587cf but the network is mainnet (expects 0488b21e)");
    assertThatThrownBy(() -> ExtendedPublicKey.parse(xpub, Network.REGTEST))
        .hasMessageContaining("mainnet (xpub) version bytes 0488b21e but the network is regtest");
  }

  private static String expectedMessage(Invalid invalid) {
    if (invalid.reason().equals("invalid checksum")) {
      return "checksum does not match";
    }
    if (invalid.key().startsWith("xprv")) {
      return "extended private key";
    }
    return switch (invalid.reason()) {
      case "pubkey version / prvkey mismatch" -> "found prefix 00";
      case "invalid pubkey prefix 04" -> "found prefix 04";
      case "invalid pubkey prefix 01" -> "found prefix 01";
      case "zero depth with non-zero parent fingerprint" -> "depth 0 with a non-zero parent fingerprint";
      case "zero depth with non-zero index" -> "depth 0 with a non-zero child number";
      case "unknown extended key version" -> "unknown extended public key version";
      case "invalid pubkey 020000000000000000000000000000000000000000000000000000000000000007" ->
          "not a point on secp256k1";
      default -> throw new AssertionError("vector 5 reason not mapped: " + invalid.reason());
    };
  }
}
