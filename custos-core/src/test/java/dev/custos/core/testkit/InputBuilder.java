package dev.custos.core.testkit;

import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.TapKeyOrigin;
import dev.custos.core.psbt.TapLeafScript;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Test-side PSBT input construction (the "Updater" role), independent of our signer. */
public final class InputBuilder {
  Transaction nonWitnessUtxo;
  TxOut witnessUtxo;
  Integer sighash;
  ByteVector redeemScript;
  ByteVector witnessScript;
  final Map<PublicKey, KeyOrigin> derivations = new LinkedHashMap<>();
  final Map<XonlyPublicKey, TapKeyOrigin> tapDerivations = new LinkedHashMap<>();
  final List<TapLeafScript> leaves = new ArrayList<>();
  XonlyPublicKey internalKey;
  ByteVector32 merkleRoot;

  public InputBuilder nonWitnessUtxo(Transaction tx) {
    this.nonWitnessUtxo = tx;
    return this;
  }

  public InputBuilder witnessUtxo(TxOut out) {
    this.witnessUtxo = out;
    return this;
  }

  public InputBuilder sighash(int type) {
    this.sighash = type;
    return this;
  }

  public InputBuilder redeemScript(ByteVector s) {
    this.redeemScript = s;
    return this;
  }

  public InputBuilder witnessScript(ByteVector s) {
    this.witnessScript = s;
    return this;
  }

  public InputBuilder derivation(PublicKey key, KeyOrigin origin) {
    derivations.put(key, origin);
    return this;
  }

  public InputBuilder tapDerivation(XonlyPublicKey key, TapKeyOrigin origin) {
    tapDerivations.put(key, origin);
    return this;
  }

  public InputBuilder leaf(TapLeafScript leaf) {
    leaves.add(leaf);
    return this;
  }

  public InputBuilder internalKey(XonlyPublicKey key) {
    this.internalKey = key;
    return this;
  }

  public InputBuilder merkleRoot(ByteVector32 root) {
    this.merkleRoot = root;
    return this;
  }

  public PsbtInput build() {
    return new PsbtInput(Optional.ofNullable(nonWitnessUtxo), Optional.ofNullable(witnessUtxo), Map.of(),
        sighash == null ? OptionalInt.empty() : OptionalInt.of(sighash), Optional.ofNullable(redeemScript),
        Optional.ofNullable(witnessScript), derivations, Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
        Map.of(), leaves, tapDerivations, Optional.ofNullable(internalKey), Optional.ofNullable(merkleRoot), List.of());
  }
}
