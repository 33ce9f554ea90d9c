package dev.custos.core.analysis;

import dev.custos.core.keys.Network;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.PsbtOutput;
import dev.custos.core.sign.Multisig;
import dev.custos.core.sign.ScriptType;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.Bitcoin;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Computes a {@link PsbtAnalysis}. Pure and deterministic: the same PSBT and wallet give the same
 * analysis. Change is recognised only by derivation from the wallet's own xpubs (see
 * {@link WalletView}), never from labels or key origins alone; without a wallet every output
 * counts as leaving.
 */
public final class PsbtAnalyzer {
  /** Fee rates above this are flagged (sat/vB). */
  public static final double HIGH_FEE_RATE = 1000.0;

  private PsbtAnalyzer() {}

  public static PsbtAnalysis analyze(Psbt psbt, Network network, Optional<WalletView> wallet) {
    Transaction tx = psbt.unsignedTransaction();
    List<String> warnings = new ArrayList<>();
    List<InputAnalysis> inputs = new ArrayList<>();
    List<ScriptType> types = new ArrayList<>();
    long totalIn = 0;
    boolean allKnown = true;
    for (int i = 0; i < psbt.inputs().size(); i++) {
      PsbtInput in = psbt.inputs().get(i);
      Optional<TxOut> spent = psbt.spentOutput(i);
      ScriptType type = spent.map(o -> ScriptType.classify(o.publicKeyScript, in.redeemScript())).orElse(ScriptType.UNKNOWN);
      types.add(type);
      boolean ours = spent.isPresent() && wallet.isPresent() && isOurs(wallet.get(), in, spent.get(), type);
      if (spent.isPresent()) {
        totalIn = Math.addExact(totalIn, spent.get().amount.toLong());
      } else {
        allKnown = false;
        warnings.add("input " + i + ": spent output unknown: fee cannot be computed");
      }
      if (type.isSegwitV0() && in.nonWitnessUtxo().isEmpty() && !in.isFinalized()) {
        warnings.add("input " + i + ": segwit v0 input without PSBT_IN_NON_WITNESS_UTXO: its amount cannot be verified (segwit fee attack)");
      }
      if (in.sighashType().isPresent() && in.sighashType().getAsInt() > 1) {
        warnings.add("input " + i + ": non-default sighash type 0x" + Integer.toHexString(in.sighashType().getAsInt()));
      }
      if (wallet.isPresent() && !ours && spent.isPresent() && wallet.get().claimsOurs(in.bip32Derivations(), in.tapBip32Derivations())) {
        warnings.add("input " + i + ": key origin claims this wallet but the spent script does not derive from its accounts");
      }
      int sigs = in.partialSigs().size() + in.tapScriptSigs().size() + (in.tapKeySig().isPresent() ? 1 : 0);
      var op = tx.txIn.get(i).outPoint;
      inputs.add(new InputAnalysis(i, op.txid.toString() + ":" + op.index,
          spent.map(o -> OptionalLong.of(o.amount.toLong())).orElse(OptionalLong.empty()), type,
          spent.flatMap(o -> address(o.publicKeyScript, network)), ours, sigs, in.isFinalized()));
    }

    List<OutputAnalysis> outputs = new ArrayList<>();
    long totalOut = 0;
    long leaving = 0;
    for (int i = 0; i < tx.txOut.size(); i++) {
      TxOut o = tx.txOut.get(i);
      PsbtOutput po = psbt.outputs().get(i);
      ScriptType type = ScriptType.classify(o.publicKeyScript, po.redeemScript());
      Optional<WalletView.Owned> owned = wallet.flatMap(w -> w.find(o.publicKeyScript, po.bip32Derivations(), po.tapBip32Derivations()));
      OutputAnalysis.Ownership ownership = owned
          .map(w -> w.branch() == 1 ? OutputAnalysis.Ownership.CHANGE : OutputAnalysis.Ownership.RECEIVE)
          .orElse(OutputAnalysis.Ownership.EXTERNAL);
      boolean claims = wallet.isPresent() && wallet.get().claimsOurs(po.bip32Derivations(), po.tapBip32Derivations());
      if (claims && owned.isEmpty()) {
        warnings.add("output " + i + ": key origin claims this wallet but the script does not derive from its accounts: counted as leaving");
      }
      long amount = o.amount.toLong();
      totalOut = Math.addExact(totalOut, amount);
      if (ownership == OutputAnalysis.Ownership.EXTERNAL) {
        leaving = Math.addExact(leaving, amount);
      }
      outputs.add(new OutputAnalysis(i, amount, type, address(o.publicKeyScript, network), o.publicKeyScript.toHex(),
          ownership, owned.map(w -> w.path().toString()), claims));
    }

    long vsize = VsizeEstimator.estimate(psbt, tx, types);
    OptionalLong fee = OptionalLong.empty();
    Optional<Double> feeRate = Optional.empty();
    if (allKnown) {
      long f = totalIn - totalOut;
      if (f < 0) {
        warnings.add("outputs (" + totalOut + " sat) exceed inputs (" + totalIn + " sat): the transaction is invalid");
      } else {
        fee = OptionalLong.of(f);
        double rate = (double) f / vsize;
        feeRate = Optional.of(rate);
        if (rate > HIGH_FEE_RATE) {
          warnings.add(String.format(java.util.Locale.ROOT, "fee rate %.1f sat/vB is above %.0f sat/vB", rate, HIGH_FEE_RATE));
        }
        if (leaving > 0 && f > leaving) {
          warnings.add("fee " + f + " sat is larger than the amount sent " + leaving + " sat");
        }
      }
    }
    return new PsbtAnalysis(psbt.version(), network.id(), tx.txid.toString(), inputs, outputs,
        allKnown ? OptionalLong.of(totalIn) : OptionalLong.empty(), totalOut, leaving, fee, vsize, feeRate, warnings);
  }

  /**
   * Our input: its script is one of our account scripts, or it is a multisig witness script that
   * the spent output commits to and that contains a key we verifiably hold.
   */
  private static boolean isOurs(WalletView wallet, PsbtInput in, TxOut spent, ScriptType type) {
    if (wallet.find(spent.publicKeyScript, in.bip32Derivations(), in.tapBip32Derivations()).isPresent()) {
      return true;
    }
    if ((type != ScriptType.P2WSH && type != ScriptType.P2SH_P2WSH) || in.witnessScript().isEmpty()) {
      return false;
    }
    ByteVector wsh = new ByteVector(Script.write(Script.pay2wsh(in.witnessScript().get())));
    boolean committed = type == ScriptType.P2WSH
        ? spent.publicKeyScript.equals(wsh)
        : in.redeemScript().map(wsh::equals).orElse(false);
    return committed && Multisig.keys(in.witnessScript().get())
        .map(keys -> wallet.holdsKey(keys, in.bip32Derivations()))
        .orElse(false);
  }

  private static Optional<String> address(ByteVector script, Network network) {
    var r = Bitcoin.addressFromPublicKeyScript(network.chainHash(), script.toByteArray());
    return r.isRight() ? Optional.of(r.getRight()) : Optional.empty();
  }
}
