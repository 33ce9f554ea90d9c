package dev.custos.service.policyfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.policy.Destination;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.DeterministicWallet;
import fr.acinq.bitcoin.KeyPath;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ranged descriptors in a policy expand to the scripts the wallet itself pays: the same scripts
 * as the core's {@link Account#scriptPubKey} for the same account, and as an independent
 * derivation with bitcoin-kmp (DeterministicWallet decodes the xpub and derives the keys, the
 * address comes from Bitcoin.computeBIP44/49/84/86Address), for the BIP84/BIP86 test mnemonic
 * "abandon ... about", every account type, both branches, mainnet and testnet.
 */
class DescriptorExpansionTest {
  static List<Arguments> accounts() {
    List<Arguments> out = new ArrayList<>();
    for (AccountType type : AccountType.values()) {
      for (Network network : List.of(Network.MAINNET, Network.TESTNET)) {
        out.add(Arguments.of(type, network));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("accounts")
  void theDefaultRangeIsTheFirstThousandScripts(AccountType type, Network network) throws PolicyFileException {
    Account account = account(type, network);
    String yaml = "version: 1\nunlimited: true\ndestinations:\n  allow:\n    - \"" + account.descriptor(1) + "\"\n";
    Map<ByteVector, Destination> allow = PolicyFile.parse(yaml, "p.yaml", network).policy().allowlist().orElseThrow();

    assertThat(allow).hasSize(DestinationLists.DEFAULT_INDEXES);
    List<ByteVector> expected = new ArrayList<>();
    for (int i = 0; i < DestinationLists.DEFAULT_INDEXES; i++) {
      expected.add(account.scriptPubKey(Account.CHANGE, i));
    }
    assertThat(List.copyOf(allow.keySet())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("accounts")
  void aRangeMatchesAnIndependentDerivation(AccountType type, Network network) throws PolicyFileException {
    Account account = account(type, network);
    String yaml = "version: 1\nunlimited: true\ndestinations:\n  deny:\n    - descriptor: \"" + account.descriptor(0)
        + "\"\n      range: [995, 1010]\n";
    Map<ByteVector, Destination> deny = PolicyFile.parse(yaml, "p.yaml", network).policy().denylist();

    String xpub = account.xpub().encode(network);
    DeterministicWallet.ExtendedPublicKey kmpAccount = DeterministicWallet.ExtendedPublicKey.decode(xpub, new KeyPath("m")).getSecond();
    List<ByteVector> expected = new ArrayList<>();
    for (long i = 995; i <= 1010; i++) {
      PublicKey key = kmpAccount.derivePublicKey(List.of(0L, i)).getPublicKey();
      String address = switch (type) {
        case BIP44 -> Bitcoin.computeBIP44Address(key, network.chainHash());
        case BIP49 -> Bitcoin.computeBIP49Address(key, network.chainHash());
        case BIP84 -> Bitcoin.computeBIP84Address(key, network.chainHash());
        case BIP86 -> Bitcoin.computeBIP86Address(key, network.chainHash());
      };
      expected.add(new ByteVector(Script.write(Bitcoin.addressToPublicKeyScript(network.chainHash(), address).getRight())));
    }
    assertThat(List.copyOf(deny.keySet())).isEqualTo(expected);
    String function = account.descriptor(0).substring(0, account.descriptor(0).indexOf('['));
    assertThat(deny.get(expected.get(5)).label())
        .isEqualTo("descriptor " + function + "[73c5da0a/" + type.purpose() + "'/" + network.coinType() + "'/0']"
            + xpub.substring(0, 12) + "…/0/1000" + ")".repeat(type == AccountType.BIP49 ? 2 : 1));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("accounts")
  void withoutChecksumOrOriginTheScriptsAreTheSame(AccountType type, Network network) throws PolicyFileException {
    Account account = account(type, network);
    String full = account.descriptor(0);
    String bare = full.substring(0, full.indexOf('#')).replaceFirst("\\[[^]]*]", "");
    String yaml = "version: 1\nunlimited: true\ndestinations:\n  allow:\n    - {descriptor: \"%s\", range: [0, 9]}\n  deny:\n"
        + "    - {descriptor: \"%s\", range: [0, 9]}\n";
    var policy = PolicyFile.parse(yaml.formatted(full, bare), "p.yaml", network).policy();
    assertThat(policy.denylist().keySet()).containsExactlyElementsOf(policy.allowlist().orElseThrow().keySet());
    assertThat(policy.denylist()).containsKey(account.scriptPubKey(0, 9));
  }

  private static Account account(AccountType type, Network network) {
    try (ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON)) {
      return Account.derive(master, type, network, 0);
    }
  }
}
