package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.Descriptor;
import fr.acinq.bitcoin.DeterministicWallet;
import fr.acinq.bitcoin.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Accounts of every type on every network, cross-checked against bitcoin-kmp: keys from
 * DeterministicWallet, addresses from Bitcoin.computeBIP44/49/84/86Address, descriptor checksums
 * from Descriptor.checksum. (bitcoin-kmp's Descriptor.BIP84Descriptors is not used: in 0.30.0 its
 * key origin is {@code 84'/coin'/0'/0} rather than the account path, so it is not a BIP84
 * account descriptor.)
 */
class AccountCrossCheckTest {
  private static final byte[] SEED = seed();

  private static byte[] seed() {
    byte[] seed = new byte[32];
    new Random(44).nextBytes(seed);
    return seed;
  }

  static List<Arguments> accounts() {
    return Arrays.stream(AccountType.values())
        .flatMap(t -> Arrays.stream(Network.values()).map(n -> Arguments.of(t, n)))
        .toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("accounts")
  void addressesAndDescriptorsMatchBitcoinKmp(AccountType type, Network network) {
    int accountIndex = 3;
    DeterministicWallet.ExtendedPrivateKey kmpMaster = DeterministicWallet.generate(SEED);
    DeterministicWallet.ExtendedPublicKey kmpAccount = DeterministicWallet.publicKey(DeterministicWallet.derivePrivateKey(
        kmpMaster, List.of(KeyPath.hardened(type.purpose()), KeyPath.hardened(network.coinType()), KeyPath.hardened(accountIndex))));
    Account account;
    try (SecretBytes s = SecretBytes.copyOf(SEED); ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s)) {
      account = Account.derive(master, type, network, accountIndex);
    }
    String xpub = DeterministicWallet.encode(kmpAccount, network == Network.MAINNET ? DeterministicWallet.xpub : DeterministicWallet.tpub);
    assertThat(account.xpub().encode(network)).isEqualTo(xpub);
    assertThat(account.accountPath().toString())
        .isEqualTo("m/" + type.purpose() + "'/" + network.coinType() + "'/" + accountIndex + "'");

    for (int branch = 0; branch <= 1; branch++) {
      for (long index : new long[] {0, 1, 7, 1000}) {
        PublicKey expectedKey = DeterministicWallet.derivePublicKey(kmpAccount, List.of((long) branch, index)).getPublicKey();
        assertThat(account.publicKey(branch, index)).isEqualTo(expectedKey);
        assertThat(account.address(branch, index)).isEqualTo(expectedAddress(type, expectedKey, network.chainHash()));
      }
      String descriptor = account.descriptor(branch);
      String fingerprint = String.format("%08x", (int) DeterministicWallet.fingerprint(kmpMaster));
      String body = switch (type) {
        case BIP44 -> "pkh(%s)";
        case BIP49 -> "sh(wpkh(%s))";
        case BIP84 -> "wpkh(%s)";
        case BIP86 -> "tr(%s)";
      };
      String key = "[" + fingerprint + "/" + type.purpose() + "'/" + network.coinType() + "'/" + accountIndex + "']" + xpub + "/" + branch + "/*";
      String expectedBody = String.format(body, key);
      assertThat(descriptor).isEqualTo(expectedBody + "#" + Descriptor.checksum(expectedBody));
    }
  }

  @Test
  void rejectsBadBranchAndNonMasterKeys() {
    try (SecretBytes s = SecretBytes.copyOf(SEED);
        ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(s);
        ExtendedPrivateKey child = master.deriveChild(0)) {
      Account account = Account.derive(master, AccountType.BIP84, Network.MAINNET, 0);
      assertThatThrownBy(() -> account.address(2, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("branch must be 0 (receive) or 1 (change), got 2");
      assertThatThrownBy(() -> Account.derive(child, AccountType.BIP84, Network.MAINNET, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("accounts derive from the master key, not from m/0");
    }
  }

  private static String expectedAddress(AccountType type, PublicKey key, BlockHash chain) {
    return switch (type) {
      case BIP44 -> Bitcoin.computeBIP44Address(key, chain);
      case BIP49 -> Bitcoin.computeBIP49Address(key, chain);
      case BIP84 -> Bitcoin.computeBIP84Address(key, chain);
      case BIP86 -> Bitcoin.computeBIP86Address(key, chain);
    };
  }
}
