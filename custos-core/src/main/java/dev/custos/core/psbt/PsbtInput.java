package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One input map of a PSBT (BIP174, BIP370, BIP371). Immutable; the {@code with*} methods return
 * copies with one signature added.
 *
 * @param partialSigs PSBT_IN_PARTIAL_SIG: public key to DER signature plus sighash byte
 * @param sighashType PSBT_IN_SIGHASH_TYPE, when the creator asked for one
 * @param previousTxid PSBT_IN_PREVIOUS_TXID (version 2 only)
 * @param outputIndex PSBT_IN_OUTPUT_INDEX (version 2 only)
 * @param sequence PSBT_IN_SEQUENCE (version 2 only; absent means 0xffffffff)
 * @param tapKeySig PSBT_IN_TAP_KEY_SIG: 64 or 65 bytes
 * @param other fields kept verbatim: hash preimages (checked to hash to their key), proprietary
 *     and unknown entries, and PARTIAL_SIG / BIP32_DERIVATION entries keyed by a 65-byte
 *     uncompressed public key (checked valid; {@link PublicKey} holds compressed keys only)
 */
public record PsbtInput(
    Optional<Transaction> nonWitnessUtxo,
    Optional<TxOut> witnessUtxo,
    Map<PublicKey, ByteVector> partialSigs,
    OptionalInt sighashType,
    Optional<ByteVector> redeemScript,
    Optional<ByteVector> witnessScript,
    Map<PublicKey, KeyOrigin> bip32Derivations,
    Optional<ByteVector> finalScriptSig,
    Optional<ScriptWitness> finalScriptWitness,
    Optional<TxId> previousTxid,
    OptionalLong outputIndex,
    OptionalLong sequence,
    OptionalLong requiredTimeLocktime,
    OptionalLong requiredHeightLocktime,
    Optional<ByteVector> tapKeySig,
    Map<TapScriptSigKey, ByteVector> tapScriptSigs,
    List<TapLeafScript> tapLeafScripts,
    Map<XonlyPublicKey, TapKeyOrigin> tapBip32Derivations,
    Optional<XonlyPublicKey> tapInternalKey,
    Optional<ByteVector32> tapMerkleRoot,
    List<RawEntry> other) {

  public PsbtInput {
    partialSigs = Collections.unmodifiableMap(new LinkedHashMap<>(partialSigs));
    bip32Derivations = Collections.unmodifiableMap(new LinkedHashMap<>(bip32Derivations));
    tapScriptSigs = Collections.unmodifiableMap(new LinkedHashMap<>(tapScriptSigs));
    tapLeafScripts = List.copyOf(tapLeafScripts);
    tapBip32Derivations = Collections.unmodifiableMap(new LinkedHashMap<>(tapBip32Derivations));
    other = List.copyOf(other);
  }

  /** True when the input carries a final scriptSig or witness (nothing left to sign). */
  public boolean isFinalized() {
    return finalScriptSig.isPresent() || finalScriptWitness.isPresent();
  }

  public PsbtInput withPartialSig(PublicKey key, ByteVector signature) {
    Map<PublicKey, ByteVector> m = new LinkedHashMap<>(partialSigs);
    m.put(key, signature);
    return new PsbtInput(nonWitnessUtxo, witnessUtxo, m, sighashType, redeemScript, witnessScript,
        bip32Derivations, finalScriptSig, finalScriptWitness, previousTxid, outputIndex, sequence,
        requiredTimeLocktime, requiredHeightLocktime, tapKeySig, tapScriptSigs, tapLeafScripts,
        tapBip32Derivations, tapInternalKey, tapMerkleRoot, other);
  }

  public PsbtInput withTapKeySig(ByteVector signature) {
    return new PsbtInput(nonWitnessUtxo, witnessUtxo, partialSigs, sighashType, redeemScript, witnessScript,
        bip32Derivations, finalScriptSig, finalScriptWitness, previousTxid, outputIndex, sequence,
        requiredTimeLocktime, requiredHeightLocktime, Optional.of(signature), tapScriptSigs, tapLeafScripts,
        tapBip32Derivations, tapInternalKey, tapMerkleRoot, other);
  }

  public PsbtInput withTapScriptSig(TapScriptSigKey key, ByteVector signature) {
    Map<TapScriptSigKey, ByteVector> m = new LinkedHashMap<>(tapScriptSigs);
    m.put(key, signature);
    return new PsbtInput(nonWitnessUtxo, witnessUtxo, partialSigs, sighashType, redeemScript, witnessScript,
        bip32Derivations, finalScriptSig, finalScriptWitness, previousTxid, outputIndex, sequence,
        requiredTimeLocktime, requiredHeightLocktime, tapKeySig, m, tapLeafScripts,
        tapBip32Derivations, tapInternalKey, tapMerkleRoot, other);
  }
}
