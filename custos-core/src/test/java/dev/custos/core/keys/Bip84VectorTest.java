package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.Base58;
import fr.acinq.bitcoin.DeterministicWallet;
import fr.acinq.bitcoin.PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BIP84 test vectors from the unmodified bip-0084.mediawiki: mnemonic → master, account and first
 * addresses. The vectors serialize with SLIP-132 zprv/zpub versions, so serialized keys are
 * compared on the 74 bytes after the version (see {@link SerializedKeys}).
 */
class Bip84VectorTest {
  private static final String RESOURCE = "/vectors/keys/bip-0084.mediawiki";
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
    account = Account.derive(master, AccountType.BIP84, Network.MAINNET, 0);
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
          assertThat(SerializedKeys.assertSamePrivateKey(key, block.get("rootpriv"))).isEqualTo(DeterministicWallet.zprv);
          assertThat(SerializedKeys.assertSamePublicKey(key.neuter(), block.get("rootpub"))).isEqualTo(DeterministicWallet.zpub);
        }
        case 3 -> {
          assertThat(account.accountPath()).isEqualTo(block.path());
          assertThat(account.masterFingerprint()).isEqualTo(master.fingerprint());
          assertThat(SerializedKeys.assertSamePrivateKey(key, block.get("xpriv"))).isEqualTo(DeterministicWallet.zprv);
          assertThat(SerializedKeys.assertSamePublicKey(account.xpub(), block.get("xpub"))).isEqualTo(DeterministicWallet.zpub);
        }
        case 5 -> {
          int branch = block.path().indexes().get(3).intValue();
          long index = block.path().indexes().get(4);
          byte[] expectedSecret = PrivateKey.fromBase58(block.get("privkey"), Base58.Prefix.SecretKey).getFirst().value.toByteArray();
          assertThat(key.<Boolean>withPrivateKey(k -> Arrays.equals(k, expectedSecret))).isTrue();
          assertThat(account.publicKey(branch, index).toHex()).isEqualTo(block.get("pubkey"));
          assertThat(account.address(branch, index)).isEqualTo(block.get("address"));
        }
        default -> throw new AssertionError("unexpected vector depth " + block.path());
      }
    }
  }
}
