package dev.custos.service.cosigner;

import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * PSBTs that spend the BIP86 output key of a test group (made by
 * {@link dev.custos.core.testkit.InMemoryDkg}).
 */
final class TestGroup {
  static final ByteVector EXTERNAL = new ByteVector("0014" + "ab".repeat(20));

  private TestGroup() {}

  /** PSBT #i: spends 100,000 sat locked to {@code outputKey} by the key path, paying {@code sendSat} out (the rest is fee). */
  static byte[] spend(byte[] internalKey, byte[] outputKey, int i, long sendSat) {
    Transaction prev = TestWallets.funding(new Random(7000L + i),
        List.of(TestWallets.out(100_000, new ByteVector("5120" + HexFormat.of().formatHex(outputKey)))));
    PsbtInput in = new InputBuilder().witnessUtxo(prev.txOut.get(0))
        .internalKey(new XonlyPublicKey(new ByteVector32(internalKey))).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in),
        List.of(TestWallets.out(sendSat, EXTERNAL)), List.of(PsbtFactory.plainOutput()));
    return PsbtCodec.serialize(psbt);
  }
}
