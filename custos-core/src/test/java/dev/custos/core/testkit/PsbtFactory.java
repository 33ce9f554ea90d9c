package dev.custos.core.testkit;

import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtGlobal;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.PsbtOutput;
import dev.custos.core.psbt.TapKeyOrigin;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Builds version-0 PSBTs from funding transactions (test "Creator"). */
public final class PsbtFactory {
  private PsbtFactory() {}

  /** Spends output {@code vouts[i]} of {@code prevs[i]} for each input. */
  public static Psbt v0(List<Transaction> prevs, List<Integer> vouts, List<PsbtInput> inputs, List<TxOut> outputs, List<PsbtOutput> outputMaps) {
    List<TxIn> txIn = new ArrayList<>();
    for (int i = 0; i < prevs.size(); i++) {
      txIn.add(new TxIn(new OutPoint(prevs.get(i), vouts.get(i)), 0xfffffffdL));
    }
    Transaction tx = new Transaction(2, txIn, outputs, 0);
    PsbtGlobal g = new PsbtGlobal(Optional.of(tx), Map.of(), 2, OptionalLong.empty(), OptionalInt.empty(), List.of());
    return new Psbt(0, g, inputs, outputMaps);
  }

  public static PsbtOutput plainOutput() {
    return new PsbtOutput(Optional.empty(), Optional.empty(), Map.of(), OptionalLong.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Map.of(), List.of());
  }

  public static PsbtOutput derivedOutput(PublicKey key, KeyOrigin origin) {
    return new PsbtOutput(Optional.empty(), Optional.empty(), Map.of(key, origin), OptionalLong.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Map.of(), List.of());
  }

  public static PsbtOutput taprootOutput(XonlyPublicKey key, KeyOrigin origin) {
    return new PsbtOutput(Optional.empty(), Optional.empty(), Map.of(), OptionalLong.empty(), Optional.empty(),
        Optional.of(key), Optional.empty(), Map.of(key, new TapKeyOrigin(List.of(), origin)), List.of());
  }
}
