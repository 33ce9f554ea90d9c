package dev.custos.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view keeps the public keys it derives: what it finds must not change once keys come from
 * that cache, nor once the cache is full, and a kept key must answer only for its own position.
 * The reference is {@link Account#scriptPubKey(int, long)}, which derives both levels afresh.
 */
class WalletViewTest {
  private static ExtendedPrivateKey master;
  private static Account account;
  private static WalletView view;

  @BeforeAll
  static void keys() {
    master = TestWallets.master(TestWallets.ABANDON);
    account = Account.derive(master, AccountType.BIP84, Network.REGTEST, 0);
    view = new WalletView(master.fingerprint(), List.of(account));
  }

  @AfterAll
  static void close() {
    master.close();
  }

  @Test
  void findAgreesWithFreshDerivationBeforeAndAfterTheCacheIsFull() {
    int beyond = WalletView.CACHED_PER_BRANCH + 25;
    for (int pass = 0; pass < 2; pass++) {
      for (int branch = 0; branch <= 1; branch++) {
        for (long index = 0; index < beyond; index += (index < 64 || index > WalletView.CACHED_PER_BRANCH - 8 ? 1 : 7)) {
          assertThat(find(account.scriptPubKey(branch, index), branch, index)).as("pass %d, %d/%d", pass, branch, index)
              .contains(new WalletView.Owned(account, branch, index));
        }
      }
    }
  }

  @Test
  void aKeptKeyAnswersOnlyForItsOwnBranchAndIndex() {
    assertThat(find(account.scriptPubKey(0, 5), 0, 5)).isPresent();
    assertThat(find(account.scriptPubKey(1, 5), 1, 5)).isPresent();
    assertThat(find(account.scriptPubKey(1, 5), 0, 5)).isEmpty();
    assertThat(find(account.scriptPubKey(0, 5), 1, 5)).isEmpty();
    assertThat(find(account.scriptPubKey(0, 6), 0, 5)).isEmpty();
    assertThat(find(account.scriptPubKey(0, 5), 0, 6)).isEmpty();
    assertThat(view.holdsKey(List.of(account.publicKey(0, 5)), origins(0, 5))).isTrue();
    assertThat(view.holdsKey(List.of(account.publicKey(1, 5)), Map.of(account.publicKey(1, 5), origin(0, 5)))).isFalse();
  }

  private static Optional<WalletView.Owned> find(ByteVector script, int branch, long index) {
    return view.find(script, origins(branch, index), Map.of());
  }

  private static Map<PublicKey, KeyOrigin> origins(int branch, long index) {
    return Map.of(account.publicKey(branch, index), origin(branch, index));
  }

  private static KeyOrigin origin(int branch, long index) {
    return new KeyOrigin(master.fingerprint(), account.accountPath().child(branch).child(index));
  }
}
