package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.analysis.WalletView;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WalletView} derives positions from the branch xpubs it derives once: it must recognise
 * exactly the receive and change scripts and keys of the unmodified BIP84 vectors (the script is
 * decoded from the vector's address by bitcoin-kmp), and only at the vector's own path.
 */
class Bip84WalletViewTest {
  private static final String RESOURCE = "/vectors/keys/bip-0084.mediawiki";
  private static ExtendedPrivateKey master;
  private static WalletView view;
  private static List<BipPreVectors.Block> positions;

  @BeforeAll
  static void deriveFromTheMnemonic() throws Exception {
    List<BipPreVectors.Block> blocks = BipPreVectors.read(RESOURCE);
    byte[] words = blocks.get(0).get("mnemonic").getBytes(StandardCharsets.UTF_8);
    try (SecretBytes text = SecretBytes.copyOf(words);
        Mnemonic mnemonic = Mnemonic.parse(text);
        SecretBytes noPassphrase = SecretBytes.copyOf(new byte[0]);
        SecretBytes seed = mnemonic.toSeed(noPassphrase)) {
      master = ExtendedPrivateKey.fromSeed(seed);
    }
    Account other = Account.derive(master, AccountType.BIP84, Network.MAINNET, 1);
    view = new WalletView(master.fingerprint(), List.of(other, Account.derive(master, AccountType.BIP84, Network.MAINNET, 0)));
    positions = blocks.stream().filter(b -> b.path().depth() == 5).toList();
    assertThat(positions).extracting(b -> b.path().toStringNoMaster()).containsExactly("84'/0'/0'/0/0", "84'/0'/0'/0/1", "84'/0'/0'/1/0");
  }

  @AfterAll
  static void closeMaster() {
    master.close();
  }

  private static ByteVector script(BipPreVectors.Block block) {
    return new ByteVector(Script.write(Bitcoin.addressToPublicKeyScript(Network.MAINNET.chainHash(), block.get("address")).getRight()));
  }

  private static Map<PublicKey, KeyOrigin> origin(BipPreVectors.Block key, BipPreVectors.Block at) {
    return Map.of(PublicKey.fromHex(key.get("pubkey")), new KeyOrigin(master.fingerprint(), at.path()));
  }

  @Test
  void findsEveryVectorScriptAtItsOwnPath() {
    for (BipPreVectors.Block block : positions) {
      var found = view.find(script(block), origin(block, block), Map.of());
      assertThat(found).as(block.path().toString()).isPresent();
      assertThat(found.get().path()).isEqualTo(block.path());
      assertThat(found.get().account().accountPath().toStringNoMaster()).isEqualTo("84'/0'/0'");
      assertThat(view.holdsKey(List.of(PublicKey.fromHex(block.get("pubkey"))), origin(block, block))).isTrue();
    }
  }

  @Test
  void aScriptOrKeyClaimedAtAnotherPositionIsNotOurs() {
    for (BipPreVectors.Block block : positions) {
      for (BipPreVectors.Block elsewhere : positions) {
        if (elsewhere != block) {
          assertThat(view.find(script(block), origin(block, elsewhere), Map.of())).as(block.path() + " at " + elsewhere.path()).isEmpty();
          assertThat(view.holdsKey(List.of(PublicKey.fromHex(block.get("pubkey"))), origin(block, elsewhere))).isFalse();
        }
      }
    }
  }
}
