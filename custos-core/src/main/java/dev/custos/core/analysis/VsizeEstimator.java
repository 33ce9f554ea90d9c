package dev.custos.core.analysis;

import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.sign.ScriptType;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Estimates the virtual size (BIP141) of a PSBT's transaction once fully signed, by filling each
 * input with a placeholder scriptSig and witness of the size its template will have and letting
 * bitcoin-kmp weigh the result. Finalized inputs use their real scriptSig and witness. Sizes assume
 * low-R ECDSA signatures (71 bytes + sighash byte), as Custos and Bitcoin Core produce.
 */
final class VsizeEstimator {
  private static final int ECDSA_SIG = 72;
  private static final int PUBKEY = 33;

  private VsizeEstimator() {}

  static long estimate(Psbt psbt, Transaction unsigned, List<ScriptType> types) {
    List<TxIn> inputs = new ArrayList<>();
    for (int i = 0; i < unsigned.txIn.size(); i++) {
      TxIn in = unsigned.txIn.get(i);
      PsbtInput p = psbt.inputs().get(i);
      Template t = p.isFinalized()
          ? new Template(p.finalScriptSig().orElse(ByteVector.empty), p.finalScriptWitness().orElse(new ScriptWitness()))
          : template(p, types.get(i));
      inputs.add(new TxIn(in.outPoint, t.scriptSig, in.sequence, t.witness));
    }
    List<TxOut> outputs = unsigned.txOut;
    Transaction filled = new Transaction(unsigned.version, inputs, outputs, unsigned.lockTime);
    return (filled.weight() + 3) / 4;
  }

  private record Template(ByteVector scriptSig, ScriptWitness witness) {}

  private static Template template(PsbtInput p, ScriptType type) {
    return switch (type) {
      case P2PKH -> new Template(zeros(1 + ECDSA_SIG + 1 + PUBKEY), new ScriptWitness());
      case P2WPKH -> new Template(ByteVector.empty, witness(ECDSA_SIG, PUBKEY));
      case P2SH_P2WPKH -> new Template(zeros(23), witness(ECDSA_SIG, PUBKEY));
      case P2WSH, P2SH_P2WSH -> {
        ByteVector ws = p.witnessScript().orElse(ByteVector.empty);
        int m = ws.isEmpty() ? 1 : Math.max(1, (ws.get(0) & 0xff) - 0x50);
        List<Integer> items = new ArrayList<>();
        items.add(0);
        items.addAll(Collections.nCopies(m, ECDSA_SIG));
        items.add(ws.size());
        yield new Template(type == ScriptType.P2SH_P2WSH ? zeros(35) : ByteVector.empty, witness(items));
      }
      case P2TR -> taprootTemplate(p);
      case P2SH, UNKNOWN -> new Template(ByteVector.empty, new ScriptWitness());
    };
  }

  private static Template taprootTemplate(PsbtInput p) {
    int sig = 64 + (p.sighashType().orElse(0) == 0 ? 0 : 1);
    Optional<dev.custos.core.psbt.TapLeafScript> leaf = p.tapLeafScripts().stream().findFirst();
    if (p.tapInternalKey().isPresent() || leaf.isEmpty()) {
      return new Template(ByteVector.empty, witness(sig));
    }
    return new Template(ByteVector.empty, witness(sig, leaf.get().script().size(), leaf.get().controlBlock().size()));
  }

  private static ScriptWitness witness(int... sizes) {
    List<Integer> l = new ArrayList<>();
    for (int s : sizes) {
      l.add(s);
    }
    return witness(l);
  }

  private static ScriptWitness witness(List<Integer> sizes) {
    return new ScriptWitness(sizes.stream().map(VsizeEstimator::zeros).toList());
  }

  private static ByteVector zeros(int n) {
    return new ByteVector(new byte[n]);
  }
}
