package dev.custos.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.core.sign.HdSigningKeys;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.Base58;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.secp256k1.Secp256k1;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keys lent from the branches derived at unlock are the BIP32 keys of the requested path:
 * checked against the unmodified BIP84 vectors (custos-core's test resources), against the
 * account xpubs, and against derivation from the master for paths below no cached branch.
 */
class BranchSigningKeysTest {
  private ExtendedPrivateKey master;
  private BranchSigningKeys keys;

  @BeforeEach
  void unlock() {
    master = TestWallets.master(TestWallets.ABANDON);
    List<Account> accounts = new ArrayList<>();
    for (AccountType type : AccountType.values()) {
      accounts.add(Account.derive(master, type, Network.MAINNET, 0));
    }
    keys = BranchSigningKeys.derive(master, accounts);
  }

  @AfterEach
  void lock() {
    keys.close();
    master.close();
  }

  /** One "// Account 0, ... = m/84'/0'/0'/b/i" block of bip-0084.mediawiki with its privkey (WIF) and pubkey. */
  private record Bip84Key(KeyPath path, byte[] secret, String pubkey) {}

  private static List<Bip84Key> bip84Keys() throws IOException {
    String text;
    try (InputStream in = BranchSigningKeysTest.class.getResourceAsStream("/vectors/keys/bip-0084.mediawiki")) {
      assertThat(in).as("custos-core test resource vectors/keys/bip-0084.mediawiki").isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = Pattern.compile("= (m/84'/0'/0'/[01]/\\d+)\\s*\\n\\s*privkey = (\\w+)\\s*\\n\\s*pubkey\\s*= (\\w+)").matcher(text);
    List<Bip84Key> out = new ArrayList<>();
    while (m.find()) {
      out.add(new Bip84Key(KeyPath.parse(m.group(1)),
          PrivateKey.fromBase58(m.group(2), Base58.Prefix.SecretKey).getFirst().value.toByteArray(), m.group(3)));
    }
    return out;
  }

  @Test
  void lendsTheBip84VectorKeysFromTheCachedBranches() throws IOException {
    List<Bip84Key> vectors = bip84Keys();
    assertThat(vectors).hasSize(3);
    for (Bip84Key v : vectors) {
      String pub = keys.withPrivateKey(v.path(), (publicKey, priv) -> {
        assertThat(priv).as(v.path().toString()).isEqualTo(v.secret());
        return publicKey.toHex();
      });
      assertThat(pub).as(v.path().toString()).isEqualTo(v.pubkey());
    }
  }

  @Test
  void everyAccountBranchMatchesItsXpubAndSignsForIt() {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) 0x5a);
    for (AccountType type : AccountType.values()) {
      Account account = Account.derive(master, type, Network.MAINNET, 0);
      for (int branch : new int[] {Account.RECEIVE, Account.CHANGE}) {
        for (long index : new long[] {0, 1, 7, 2_147_483_647L}) {
          KeyPath path = account.accountPath().child(branch).child(index);
          byte[] expected = account.publicKey(branch, index).value.toByteArray();
          boolean verified = keys.withPrivateKey(path, (pub, priv) -> {
            assertThat(pub.value.toByteArray()).as(path.toString()).isEqualTo(expected);
            byte[] sig = Secp256k1.get().sign(digest, priv, null);
            return Secp256k1.get().verify(sig, digest, expected);
          });
          assertThat(verified).as("libsecp256k1 verifies a signature by %s under the xpub's key", path).isTrue();
        }
      }
    }
  }

  @Test
  void pathsBelowNoCachedBranchDeriveFromTheMaster() {
    HdSigningKeys fromMaster = new HdSigningKeys(master);
    for (String p : List.of("m/84'/0'/1'/0/3", "m/48'/0'/0'/2'/0/0", "m/84'/0'/0'/2/0", "m/84'/0'/0'", "m", "m/84'/0'/0'/0")) {
      KeyPath path = KeyPath.parse(p);
      String expected = fromMaster.withPrivateKey(path, (pub, priv) -> pub.toHex() + HexFormat.of().formatHex(priv));
      assertThat(keys.<String>withPrivateKey(path, (pub, priv) -> pub.toHex() + HexFormat.of().formatHex(priv))).as(p).isEqualTo(expected);
    }
    assertThat(keys.masterFingerprint()).isEqualTo(master.fingerprint());
  }

  @Test
  void closingZeroizesTheBranchesButNotTheMaster() {
    KeyPath receive = KeyPath.parse("m/84'/0'/0'/0/0");
    keys.close();
    assertThatThrownBy(() -> keys.withPrivateKey(receive, (pub, priv) -> pub))
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("0330d5");
    assertThat(master.publicKey()).isNotNull();
  }

  @Test
  void neverPrintsAKey() {
    assertThat(keys.toString()).isEqualTo("BranchSigningKeys<secret>");
  }
}
