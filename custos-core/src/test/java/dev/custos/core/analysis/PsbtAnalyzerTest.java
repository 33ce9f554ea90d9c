package dev.custos.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.TapKeyOrigin;
import dev.custos.core.sign.HdSigningKeys;
import dev.custos.core.sign.PsbtSigner;
import dev.custos.core.sign.SigningOptions;
import dev.custos.core.testkit.IndependentCheck;
import dev.custos.core.testkit.IndependentCheck.Template;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.Transaction;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Change is ours only by derivation; amounts, fee and vsize agree with the finished transaction. */
class PsbtAnalyzerTest {
  private static final Network NET = Network.REGTEST;
  private static ExtendedPrivateKey master;
  private static ExtendedPrivateKey stranger;
  private static WalletView wallet;
  private final Random random = new Random(3);

  @BeforeAll
  static void keys() {
    master = TestWallets.master(TestWallets.ABANDON);
    stranger = TestWallets.master(TestWallets.ZOO);
    List<Account> accounts = new ArrayList<>();
    for (AccountType t : AccountType.values()) {
      accounts.add(Account.derive(master, t, NET, 0));
    }
    wallet = new WalletView(master.fingerprint(), accounts);
  }

  @AfterAll
  static void close() {
    master.close();
    stranger.close();
  }

  private static KeyOrigin origin(Account a, int branch, long index) {
    return new KeyOrigin(a.masterFingerprint(), a.accountPath().child(branch).child(index));
  }

  private ByteVector external() {
    return Account.derive(stranger, AccountType.BIP84, NET, 0).scriptPubKey(0, random.nextInt(100));
  }

  @Test
  void verifiedChangeIsNotLeavingAndFeeAndVsizeMatchTheSignedTransaction() throws Exception {
    Account wpkh = wallet.accounts().get(2);
    Account tr = wallet.accounts().get(3);
    Transaction p0 = TestWallets.funding(random, List.of(TestWallets.out(600_000, wpkh.scriptPubKey(0, 0))));
    Transaction p1 = TestWallets.funding(random, List.of(TestWallets.out(400_000, tr.scriptPubKey(0, 1))));
    PsbtInput in0 = new InputBuilder().nonWitnessUtxo(p0).witnessUtxo(p0.txOut.get(0))
        .derivation(wpkh.publicKey(0, 0), origin(wpkh, 0, 0)).build();
    PsbtInput in1 = new InputBuilder().witnessUtxo(p1.txOut.get(0)).internalKey(tr.publicKey(0, 1).xOnly())
        .tapDerivation(tr.publicKey(0, 1).xOnly(), new TapKeyOrigin(List.of(), origin(tr, 0, 1))).build();
    Psbt psbt = PsbtFactory.v0(List.of(p0, p1), List.of(0, 0), List.of(in0, in1),
        List.of(TestWallets.out(700_000, external()), TestWallets.out(298_000, tr.scriptPubKey(1, 4))),
        List.of(PsbtFactory.plainOutput(), PsbtFactory.taprootOutput(tr.publicKey(1, 4).xOnly(), origin(tr, 1, 4))));

    PsbtAnalysis a = PsbtAnalyzer.analyze(psbt, NET, Optional.of(wallet));
    assertThat(a.outputs().get(1).ownership()).isEqualTo(OutputAnalysis.Ownership.CHANGE);
    assertThat(a.outputs().get(1).path()).contains("m/86'/1'/0'/1/4");
    assertThat(a.amountLeavingSat()).isEqualTo(700_000);
    assertThat(a.feeSat()).hasValue(2_000);
    assertThat(a.inputs()).allMatch(InputAnalysis::ours);

    Psbt signed = new PsbtSigner(SigningOptions.DEFAULTS, new SecureRandom()).sign(psbt, new HdSigningKeys(master)).psbt();
    Transaction tx = IndependentCheck.finalizeAndVerify(signed, List.of(Template.P2WPKH, Template.P2TR_KEY), List.of(p0, p1));
    long actualVsize = (tx.weight() + 3) / 4;
    assertThat(a.estimatedVsize()).isBetween(actualVsize, actualVsize + 2);
  }

  @Test
  void outputThatClaimsOurFingerprintButDoesNotDeriveIsLeavingAndFlagged() {
    Account wpkh = wallet.accounts().get(2);
    Transaction p0 = TestWallets.funding(random, List.of(TestWallets.out(600_000, wpkh.scriptPubKey(0, 0))));
    PsbtInput in0 = new InputBuilder().witnessUtxo(p0.txOut.get(0)).derivation(wpkh.publicKey(0, 0), origin(wpkh, 0, 0)).build();
    ByteVector attacker = external();
    // The attacker labels its own output as our change at m/84'/1'/0'/1/0.
    Psbt psbt = PsbtFactory.v0(List.of(p0), List.of(0), List.of(in0),
        List.of(TestWallets.out(10_000, external()), TestWallets.out(589_000, attacker)),
        List.of(PsbtFactory.plainOutput(), PsbtFactory.derivedOutput(wpkh.publicKey(1, 0), origin(wpkh, 1, 0))));
    PsbtAnalysis a = PsbtAnalyzer.analyze(psbt, NET, Optional.of(wallet));
    assertThat(a.outputs().get(1).ownership()).isEqualTo(OutputAnalysis.Ownership.EXTERNAL);
    assertThat(a.amountLeavingSat()).isEqualTo(599_000);
    assertThat(a.warnings()).anyMatch(w -> w.startsWith("output 1: key origin claims this wallet"));
    assertThat(a.warnings()).anyMatch(w -> w.contains("segwit fee attack"));
  }

  @Test
  void withoutAWalletEveryOutputIsLeaving() {
    Account wpkh = wallet.accounts().get(2);
    Transaction p0 = TestWallets.funding(random, List.of(TestWallets.out(600_000, wpkh.scriptPubKey(0, 0))));
    Psbt psbt = PsbtFactory.v0(List.of(p0), List.of(0), List.of(new InputBuilder().witnessUtxo(p0.txOut.get(0)).build()),
        List.of(TestWallets.out(10_000, external()), TestWallets.out(589_000, wpkh.scriptPubKey(1, 0))),
        List.of(PsbtFactory.plainOutput(), PsbtFactory.derivedOutput(wpkh.publicKey(1, 0), origin(wpkh, 1, 0))));
    PsbtAnalysis a = PsbtAnalyzer.analyze(psbt, NET, Optional.empty());
    assertThat(a.amountLeavingSat()).isEqualTo(599_000);
    assertThat(a.outputs()).noneMatch(OutputAnalysis::isOurs);
  }

  @Test
  void multisigInputWithAKeyWeHoldIsOurs() {
    Account wpkh = wallet.accounts().get(2);
    PublicKey ours = wpkh.publicKey(0, 11);
    PublicKey theirs = Account.derive(stranger, AccountType.BIP84, NET, 0).publicKey(0, 11);
    ByteVector ws = new ByteVector(Script.write(Script.createMultiSigMofN(2, List.of(ours, theirs))));
    Transaction p0 = TestWallets.funding(random, List.of(TestWallets.out(600_000, new ByteVector(Script.write(Script.pay2wsh(ws))))));
    PsbtInput mine = new InputBuilder().witnessUtxo(p0.txOut.get(0)).witnessScript(ws).derivation(ours, origin(wpkh, 0, 11)).build();
    Psbt psbt = PsbtFactory.v0(List.of(p0), List.of(0), List.of(mine), List.of(TestWallets.out(590_000, external())),
        List.of(PsbtFactory.plainOutput()));
    assertThat(PsbtAnalyzer.analyze(psbt, NET, Optional.of(wallet)).inputs().get(0).ours()).isTrue();

    // The same script with a derivation that points at the wrong index is not ours.
    PsbtInput lying = new InputBuilder().witnessUtxo(p0.txOut.get(0)).witnessScript(ws)
        .derivation(ours, new KeyOrigin(master.fingerprint(), KeyPath.parse("m/84'/1'/0'/0/12"))).build();
    Psbt psbt2 = psbt.withInput(0, lying);
    assertThat(PsbtAnalyzer.analyze(psbt2, NET, Optional.of(wallet)).inputs().get(0).ours()).isFalse();
  }
}
