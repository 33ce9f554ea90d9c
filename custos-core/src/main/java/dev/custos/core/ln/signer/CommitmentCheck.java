package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.Side;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a proposed commitment with the one the BOLT 3 engine rebuilt from the semantic
 * parameters, and names the rule the first disagreement breaks (VLS "commitment format, keys,
 * outputs, trimming"). Agreement means byte-for-byte equality of the unsigned transactions.
 */
final class CommitmentCheck {
  private CommitmentCheck() {}

  private record Out(TxOut txOut, ByteVector script, OutputKind kind) {}

  static void check(CommitmentTransaction expected, ProposedTransaction proposed) throws ChannelPolicyException {
    Transaction want = expected.tx();
    Transaction got = proposed.tx();
    String which = expected.broadcaster() == Side.HOLDER ? "holder" : "counterparty";
    if (got.version != want.version) {
      throw refuse(LnPolicy.COMMITMENT_VERSION, which + " commitment version " + got.version + " != 2");
    }
    if (got.txIn.size() != 1) {
      throw refuse(LnPolicy.COMMITMENT_INPUT_SINGLE, which + " commitment has " + got.txIn.size() + " inputs, expected 1");
    }
    TxIn in = got.txIn.get(0);
    TxIn wantIn = want.txIn.get(0);
    if (!in.outPoint.equals(wantIn.outPoint)) {
      throw refuse(LnPolicy.COMMITMENT_INPUT_MATCH_FUNDING, which + " commitment spends " + in.outPoint.txid + ":"
          + in.outPoint.index + ", not the funding outpoint " + wantIn.outPoint.txid + ":" + wantIn.outPoint.index);
    }
    if (in.sequence != wantIn.sequence) {
      throw refuse(LnPolicy.COMMITMENT_SEQUENCE, which + " commitment sequence 0x" + Long.toHexString(in.sequence)
          + " != obscured 0x" + Long.toHexString(wantIn.sequence));
    }
    if (got.lockTime != want.lockTime) {
      throw refuse(LnPolicy.COMMITMENT_LOCKTIME, which + " commitment locktime 0x" + Long.toHexString(got.lockTime)
          + " != obscured 0x" + Long.toHexString(want.lockTime));
    }
    checkOutputs(expected, proposed, which);
    if (!got.equals(want)) {
      throw refuse(LnPolicy.COMMITMENT_OTHER, which + " commitment " + got.txid + " differs from the rebuilt " + want.txid
          + " (output order, witness or other fields)");
    }
  }

  private static void checkOutputs(CommitmentTransaction expected, ProposedTransaction proposed, String which)
      throws ChannelPolicyException {
    List<TxOut> outs = proposed.tx().txOut;
    if (proposed.outputWitnessScripts().size() != outs.size()) {
      throw refuse(LnPolicy.COMMITMENT_SCRIPTS, which + " commitment has " + outs.size() + " outputs but "
          + proposed.outputWitnessScripts().size() + " witness scripts");
    }
    List<Out> got = new ArrayList<>();
    for (int i = 0; i < outs.size(); i++) {
      TxOut o = outs.get(i);
      ByteVector script = proposed.outputWitnessScripts().get(i);
      if (!script.isEmpty() && !Bolt3Scripts.p2wsh(script).equals(o.publicKeyScript)) {
        throw refuse(LnPolicy.COMMITMENT_SCRIPTS, which + " commitment output " + i + " is not the P2WSH of its witness script");
      }
      got.add(new Out(o, script, OutputKind.of(o.publicKeyScript, script)));
    }
    List<Out> want = new ArrayList<>();
    for (CommitmentOutput o : expected.outputs()) {
      want.add(new Out(o.txOut(), o.witnessScript(), OutputKind.of(o)));
    }
    countSingular(got, which);
    List<Out> unmatched = new ArrayList<>();
    List<Out> missing = new ArrayList<>(want);
    for (Out g : got) {
      int exact = indexOf(missing, g);
      if (exact >= 0) {
        missing.remove(exact);
      } else {
        unmatched.add(g);
      }
    }
    for (Out g : unmatched) {
      classify(g, missing, expected, which);
    }
    if (!missing.isEmpty()) {
      Out m = missing.getFirst();
      throw refuse(LnPolicy.COMMITMENT_OUTPUTS_TRIMMED, which + " commitment lacks a " + m.kind + " output of "
          + m.txOut.amount.toLong() + " sat that is above the dust limit");
    }
  }

  private static void countSingular(List<Out> got, String which) throws ChannelPolicyException {
    long toLocal = got.stream().filter(o -> o.kind == OutputKind.TO_LOCAL).count();
    long toRemote = got.stream().filter(o -> o.kind == OutputKind.TO_REMOTE).count();
    if (toLocal > 1) {
      throw refuse(LnPolicy.COMMITMENT_SINGULAR_TO_HOLDER, which + " commitment has " + toLocal + " to_local outputs");
    }
    if (toRemote > 1) {
      throw refuse(LnPolicy.COMMITMENT_SINGULAR_TO_COUNTERPARTY, which + " commitment has " + toRemote + " to_remote outputs");
    }
  }

  private static void classify(Out g, List<Out> missing, CommitmentTransaction expected, String which)
      throws ChannelPolicyException {
    if (g.kind == OutputKind.UNKNOWN) {
      throw refuse(LnPolicy.COMMITMENT_NO_UNRECOGNIZED_OUTPUTS, which + " commitment has an output of "
          + g.txOut.amount.toLong() + " sat that is no BOLT 3 output");
    }
    boolean anchors = expected.outputs().stream().anyMatch(o -> o instanceof CommitmentOutput.Anchor);
    if (g.kind == OutputKind.ANCHOR && !anchors) {
      throw refuse(LnPolicy.COMMITMENT_ANCHORS_NOT_WHEN_OFF, which + " commitment has an anchor output the channel does not carry");
    }
    Out pair = null;
    for (Out m : missing) {
      if (m.kind == g.kind && (pair == null || m.txOut.amount.equals(g.txOut.amount))) {
        pair = m;
      }
    }
    if (pair == null) {
      throw refuse(LnPolicy.COMMITMENT_OUTPUTS_TRIMMED, which + " commitment has a " + g.kind + " output of "
          + g.txOut.amount.toLong() + " sat that BOLT 3 trims or omits");
    }
    if (g.script.equals(pair.script) && g.txOut.publicKeyScript.equals(pair.txOut.publicKeyScript)) {
      LnPolicy rule = g.kind == OutputKind.ANCHOR ? LnPolicy.COMMITMENT_ANCHOR_AMOUNT : LnPolicy.COMMITMENT_OTHER;
      throw refuse(rule, which + " commitment " + g.kind + " output pays " + g.txOut.amount.toLong() + " sat, expected "
          + pair.txOut.amount.toLong());
    }
    throw refuse(scriptRule(g, pair, expected.broadcaster()), which + " commitment " + g.kind
        + " output script differs from the rebuilt one (" + describe(g, pair) + ")");
  }

  private static LnPolicy scriptRule(Out g, Out pair, Side broadcaster) {
    if (g.script.isEmpty() || pair.script.isEmpty()) {
      return g.kind == OutputKind.TO_REMOTE ? LnPolicy.COMMITMENT_COUNTERSIGNATORY_PUBKEY : LnPolicy.COMMITMENT_SCRIPTS;
    }
    int at = OutputKind.firstDifference(g.script, pair.script);
    LnPolicy localHtlc = broadcaster == Side.HOLDER
        ? LnPolicy.COMMITMENT_HTLC_HOLDER_HTLC_PUBKEY : LnPolicy.COMMITMENT_HTLC_COUNTERPARTY_HTLC_PUBKEY;
    LnPolicy remoteHtlc = broadcaster == Side.HOLDER
        ? LnPolicy.COMMITMENT_HTLC_COUNTERPARTY_HTLC_PUBKEY : LnPolicy.COMMITMENT_HTLC_HOLDER_HTLC_PUBKEY;
    return switch (g.kind) {
      case TO_LOCAL -> switch (at) {
        case 1 -> LnPolicy.COMMITMENT_REVOCATION_PUBKEY;
        case 3 -> LnPolicy.COMMITMENT_TO_SELF_DELAY_RANGE;
        case 6 -> LnPolicy.COMMITMENT_BROADCASTER_PUBKEY;
        default -> LnPolicy.COMMITMENT_SCRIPTS;
      };
      case TO_REMOTE -> at == 0 ? LnPolicy.COMMITMENT_COUNTERSIGNATORY_PUBKEY : LnPolicy.COMMITMENT_SCRIPTS;
      case ANCHOR -> at == 0 ? LnPolicy.COMMITMENT_ANCHOR_MATCH_FUNDINGKEY : LnPolicy.COMMITMENT_SCRIPTS;
      case OFFERED_HTLC -> switch (at) {
        case 2 -> LnPolicy.COMMITMENT_HTLC_REVOCATION_PUBKEY;
        case 7 -> remoteHtlc;
        case 16 -> localHtlc;
        default -> LnPolicy.COMMITMENT_SCRIPTS;
      };
      case RECEIVED_HTLC -> switch (at) {
        case 2 -> LnPolicy.COMMITMENT_HTLC_REVOCATION_PUBKEY;
        case 7 -> remoteHtlc;
        case 18 -> localHtlc;
        default -> LnPolicy.COMMITMENT_SCRIPTS;
      };
      case UNKNOWN -> LnPolicy.COMMITMENT_NO_UNRECOGNIZED_OUTPUTS;
    };
  }

  private static String describe(Out g, Out pair) {
    int at = g.script.isEmpty() || pair.script.isEmpty() ? -1 : OutputKind.firstDifference(g.script, pair.script);
    return at < 0 ? "scriptPubKey " + g.txOut.publicKeyScript.toHex() : "first difference at script element " + at;
  }

  private static int indexOf(List<Out> outs, Out o) {
    for (int i = 0; i < outs.size(); i++) {
      Out m = outs.get(i);
      if (m.txOut.equals(o.txOut) && m.script.equals(o.script)) {
        return i;
      }
    }
    return -1;
  }

  private static ChannelPolicyException refuse(LnPolicy rule, String reason) {
    return new ChannelPolicyException(rule, reason);
  }
}
