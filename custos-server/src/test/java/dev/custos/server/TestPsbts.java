package dev.custos.server;

import dev.custos.core.keys.Account;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import java.util.List;
import java.util.Random;

/**
 * Single-input P2WPKH spends of the test keystore: PSBT #i spends a 0.05 BTC coin at receive
 * index i, pays {@code amount} to an external P2WPKH script and the rest (less a 1,000 sat fee)
 * to change index i.
 */
record TestPsbts(Psbt psbt, Transaction previous) {
  static final long COIN = 5_000_000;
  static final ByteVector EXTERNAL = new ByteVector("0014" + "ab".repeat(20));

  static TestPsbts spend(Account wpkh, int i, long amount) {
    Transaction prev = TestWallets.funding(new Random(7000L + i), List.of(TestWallets.out(COIN, wpkh.scriptPubKey(0, i))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0))
        .derivation(wpkh.publicKey(0, i), new KeyOrigin(wpkh.masterFingerprint(), wpkh.accountPath().child(0).child(i))).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in),
        List.of(TestWallets.out(amount, EXTERNAL), TestWallets.out(COIN - amount - 1_000, wpkh.scriptPubKey(1, i))),
        List.of(PsbtFactory.plainOutput(), PsbtFactory.derivedOutput(wpkh.publicKey(1, i),
            new KeyOrigin(wpkh.masterFingerprint(), wpkh.accountPath().child(1).child(i)))));
    return new TestPsbts(psbt, prev);
  }

  com.google.protobuf.ByteString bytes() {
    return com.google.protobuf.ByteString.copyFrom(PsbtCodec.serialize(psbt));
  }
}
