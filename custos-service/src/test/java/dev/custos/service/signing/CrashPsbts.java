package dev.custos.service.signing;

import dev.custos.core.keys.Account;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import java.util.List;
import java.util.Random;

/** Deterministic PSBT #i: the same i gives the same unsigned transaction in every JVM. */
final class CrashPsbts {
  static final long AMOUNT = 1_000_000;
  static final ByteVector EXTERNAL = new ByteVector("0014" + "ab".repeat(20));

  private CrashPsbts() {}

  static Psbt spend(Account wpkh, int i) {
    Transaction prev = TestWallets.funding(new Random(1000L + i), List.of(TestWallets.out(5_000_000, wpkh.scriptPubKey(0, i))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0))
        .derivation(wpkh.publicKey(0, i), new KeyOrigin(wpkh.masterFingerprint(), wpkh.accountPath().child(0).child(i))).build();
    return PsbtFactory.v0(List.of(prev), List.of(0), List.of(in),
        List.of(TestWallets.out(AMOUNT, EXTERNAL), TestWallets.out(5_000_000 - AMOUNT - 1_000, wpkh.scriptPubKey(1, i))),
        List.of(PsbtFactory.plainOutput(), PsbtFactory.derivedOutput(wpkh.publicKey(1, i), new KeyOrigin(wpkh.masterFingerprint(),
            wpkh.accountPath().child(1).child(i)))));
  }
}
