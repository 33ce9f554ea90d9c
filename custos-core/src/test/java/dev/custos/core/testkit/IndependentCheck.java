package dev.custos.core.testkit;

import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.TapLeafScript;
import dev.custos.core.psbt.TapScriptSigKey;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OP_PUSHDATA;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test-side finalizer and verifier: assembles scriptSigs and witnesses from the signatures in a
 * signed PSBT (BIP174 "Finalizer" role, written here in the test, not in production code) and has
 * bitcoin-kmp's script interpreter check every input with Bitcoin Core's standard script flags.
 * The signatures are judged by an implementation that is not our signing code.
 */
public final class IndependentCheck {
  private IndependentCheck() {}

  /** How to finalize one input. */
  public enum Template { P2PKH, P2WPKH, P2SH_P2WPKH, P2WSH_MULTI, P2SH_P2WSH_MULTI, P2TR_KEY, P2TR_SCRIPT }

  /**
   * Finalizes every input and runs the interpreter.
   *
   * @throws RuntimeException from bitcoin-kmp when any input does not verify
   */
  public static Transaction finalizeAndVerify(Psbt signed, List<Template> templates, List<Transaction> previousTxs) {
    Transaction tx = signed.unsignedTransaction();
    List<TxIn> ins = new ArrayList<>();
    for (int i = 0; i < tx.txIn.size(); i++) {
      ins.add(finalizeInput(tx.txIn.get(i), signed.inputs().get(i), templates.get(i)));
    }
    Transaction fin = new Transaction(tx.version, ins, tx.txOut, tx.lockTime);
    fin.correctlySpends(previousTxs, ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
    return fin;
  }

  private static TxIn finalizeInput(TxIn in, PsbtInput p, Template t) {
    return switch (t) {
      case P2PKH -> {
        var e = single(p.partialSigs());
        yield new TxIn(in.outPoint, new ByteVector(Script.write(List.of(new OP_PUSHDATA(e.getValue()), new OP_PUSHDATA(e.getKey().value)))),
            in.sequence, new ScriptWitness());
      }
      case P2WPKH -> {
        var e = single(p.partialSigs());
        yield new TxIn(in.outPoint, ByteVector.empty, in.sequence, new ScriptWitness(List.of(e.getValue(), e.getKey().value)));
      }
      case P2SH_P2WPKH -> {
        var e = single(p.partialSigs());
        yield new TxIn(in.outPoint, pushOnly(p.redeemScript().orElseThrow()), in.sequence,
            new ScriptWitness(List.of(e.getValue(), e.getKey().value)));
      }
      case P2WSH_MULTI, P2SH_P2WSH_MULTI -> {
        ByteVector ws = p.witnessScript().orElseThrow();
        List<ByteVector> items = new ArrayList<>();
        items.add(ByteVector.empty);
        for (PublicKey k : multisigKeys(ws)) {
          if (p.partialSigs().containsKey(k)) {
            items.add(p.partialSigs().get(k));
          }
        }
        items.add(ws);
        ByteVector scriptSig = t == Template.P2SH_P2WSH_MULTI ? pushOnly(p.redeemScript().orElseThrow()) : ByteVector.empty;
        yield new TxIn(in.outPoint, scriptSig, in.sequence, new ScriptWitness(items));
      }
      case P2TR_KEY -> new TxIn(in.outPoint, ByteVector.empty, in.sequence, new ScriptWitness(List.of(p.tapKeySig().orElseThrow())));
      case P2TR_SCRIPT -> {
        Map.Entry<TapScriptSigKey, ByteVector> sig = p.tapScriptSigs().entrySet().iterator().next();
        TapLeafScript leaf = p.tapLeafScripts().stream()
            .filter(l -> new fr.acinq.bitcoin.ScriptTree.Leaf(l.script(), l.leafVersion()).hash().equals(sig.getKey().leafHash()))
            .findFirst().orElseThrow();
        yield new TxIn(in.outPoint, ByteVector.empty, in.sequence,
            new ScriptWitness(List.of(sig.getValue(), leaf.script(), leaf.controlBlock())));
      }
    };
  }

  private static <K, V> Map.Entry<K, V> single(Map<K, V> m) {
    if (m.size() != 1) {
      throw new IllegalStateException("expected exactly one signature, found " + m.size());
    }
    return m.entrySet().iterator().next();
  }

  private static ByteVector pushOnly(ByteVector script) {
    return new ByteVector(Script.write(List.of(new OP_PUSHDATA(script))));
  }

  private static List<PublicKey> multisigKeys(ByteVector ws) {
    List<PublicKey> keys = new ArrayList<>();
    for (var elt : Script.parse(ws)) {
      if (elt instanceof OP_PUSHDATA push && push.data.size() == 33) {
        keys.add(new PublicKey(push.data));
      }
    }
    return keys;
  }
}
