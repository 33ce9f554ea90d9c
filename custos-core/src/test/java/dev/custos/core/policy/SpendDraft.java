package dev.custos.core.policy;

import dev.custos.core.analysis.PsbtAnalyzer;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtGlobal;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.PsbtOutput;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

/**
 * The spend under test as editable fields: one P2WPKH input of the wallet (m/84'/1'/0'/0/0),
 * output 0 paying {@link #payee}, output 1 verified change (m/84'/1'/0'/1/3), and optionally a
 * third 0-sat output. {@link #request} builds the version-0 PSBT and analyses it with the wallet.
 */
final class SpendDraft {
  private static final Transaction FUNDING = TestWallets.funding(new Random(84),
      List.of(TestWallets.out(PolicyBaseline.INPUT_SAT, PolicyBaseline.WPKH.scriptPubKey(0, 0))));

  ByteVector payee = PolicyBaseline.PAYEE;
  long paySat = PolicyBaseline.PAY_SAT;
  long changeSat = PolicyBaseline.INPUT_SAT - PolicyBaseline.PAY_SAT - PolicyBaseline.FEE_SAT;
  OptionalInt sighash = OptionalInt.empty();
  long lockTime;
  boolean spentOutputKnown = true;
  /** Output 0 carries a key origin naming our fingerprint (as if it were change). */
  boolean payeeClaimsWallet;
  Optional<ByteVector> extraOutput = Optional.empty();

  Psbt psbt() {
    InputBuilder in = new InputBuilder().derivation(PolicyBaseline.WPKH.publicKey(0, 0), origin(0, 0));
    if (spentOutputKnown) {
      in.nonWitnessUtxo(FUNDING).witnessUtxo(FUNDING.txOut.get(0));
    }
    sighash.ifPresent(in::sighash);
    List<TxOut> outs = new ArrayList<>(List.of(
        TestWallets.out(paySat, payee),
        TestWallets.out(changeSat, PolicyBaseline.WPKH.scriptPubKey(1, 3))));
    List<PsbtOutput> maps = new ArrayList<>(List.of(
        payeeClaimsWallet
            ? PsbtFactory.derivedOutput(PolicyBaseline.WPKH.publicKey(1, 5), origin(1, 5))
            : PsbtFactory.plainOutput(),
        PsbtFactory.derivedOutput(PolicyBaseline.WPKH.publicKey(1, 3), origin(1, 3))));
    extraOutput.ifPresent(script -> {
      outs.add(TestWallets.out(0, script));
      maps.add(PsbtFactory.plainOutput());
    });
    Transaction tx = new Transaction(2, List.of(new TxIn(new OutPoint(FUNDING, 0), 0xfffffffdL)), outs, lockTime);
    PsbtGlobal global = new PsbtGlobal(Optional.of(tx), Map.of(), 2, OptionalLong.empty(), OptionalInt.empty(), List.of());
    List<PsbtInput> inputs = List.of(in.build());
    return new Psbt(0, global, inputs, maps);
  }

  SpendRequest request(Instant now) {
    Psbt psbt = psbt();
    return new SpendRequest(psbt, PsbtAnalyzer.analyze(psbt, PolicyBaseline.NET, Optional.of(PolicyBaseline.WALLET)),
        PolicyBaseline.WALLET_ID, PolicyBaseline.CREDENTIAL, now);
  }

  private static KeyOrigin origin(int branch, long index) {
    return new KeyOrigin(PolicyBaseline.WPKH.masterFingerprint(), PolicyBaseline.WPKH.accountPath().child(branch).child(index));
  }
}
