package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.secret.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BIP86 test vectors from the unmodified bip-0086.mediawiki: mnemonic → master, account, and for
 * each address the derived keys, internal key, tweaked output key, scriptPubKey and address.
 */
class Bip86VectorTest {
  private static final String RESOURCE = "/vectors/keys/bip-0086.mediawiki";
  private static ExtendedPrivateKey master;
  private static Account account;

  @BeforeAll
  static void deriveFromTheMnemonic() throws Exception {
    byte[] words = BipPreVectors.read(RESOURCE).get(0).get("mnemonic").getBytes(StandardCharsets.UTF_8);
    try (SecretBytes text = SecretBytes.copyOf(words);
        Mnemonic mnemonic = Mnemonic.parse(text);
        SecretBytes noPassphrase = SecretBytes.copyOf(new byte[0]);
        SecretBytes seed = mnemonic.toSeed(noPassphrase)) {
      master = ExtendedPrivateKey.fromSeed(seed);
    }
    account = Account.derive(master, AccountType.BIP86, Network.MAINNET, 0);
  }

  @AfterAll
  static void closeMaster() {
    master.close();
  }

  static List<BipPreVectors.Block> blocks() throws IOException {
    List<BipPreVectors.Block> all = BipPreVectors.read(RESOURCE);
    assertThat(all).extracting(b -> b.path().depth()).containsExactly(0, 3, 5, 5, 5);
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void matchesTheVector(BipPreVectors.Block block) {
    try (ExtendedPrivateKey key = master.derive(block.path())) {
      switch (block.path().depth()) {
        case 0 -> {
          SerializedKeys.assertSamePrivateKey(key, block.get("rootpriv"));
          assertThat(key.neuter().encode(Network.MAINNET)).isEqualTo(block.get("rootpub"));
        }
        case 3 -> {
          assertThat(account.accountPath()).isEqualTo(block.path());
          SerializedKeys.assertSamePrivateKey(key, block.get("xprv"));
          assertThat(account.xpub().encode(Network.MAINNET)).isEqualTo(block.get("xpub"));
        }
        case 5 -> {
          int branch = block.path().indexes().get(3).intValue();
          long index = block.path().indexes().get(4);
          SerializedKeys.assertSamePrivateKey(key, block.get("xprv"));
          assertThat(key.neuter().encode(Network.MAINNET)).isEqualTo(block.get("xpub"));
          assertThat(account.publicKey(branch, index).xOnly().value.toHex()).isEqualTo(block.get("internal_key"));
          String script = account.scriptPubKey(branch, index).toHex();
          assertThat(script).isEqualTo(block.get("scriptPubKey"));
          assertThat(script.substring(4)).isEqualTo(block.get("output_key"));
          assertThat(account.address(branch, index)).isEqualTo(block.get("address"));
        }
        default -> throw new AssertionError("unexpected vector depth " + block.path());
      }
    }
  }
}
