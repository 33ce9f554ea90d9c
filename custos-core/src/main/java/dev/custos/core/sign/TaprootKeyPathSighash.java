package dev.custos.core.sign;

import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The BIP341 key-path signature message of one PSBT input, computed from the PSBT alone (never a
 * hash someone else supplies): {@code SigMsg(hash_type, 0)} with every spent amount and script,
 * hashed as {@code hash_TapSighash} by bitcoin-kmp. The signer ({@link PsbtSigner}) and the FROST
 * cosigner both compute it here.
 *
 * <p>Refused (nothing computed): an input index out of range, a finalized input, a spent output
 * that is not P2TR, any input whose spent output is unknown (BIP341 commits to all of them), or a
 * sighash type that {@link SigningOptions} does not allow.
 *
 * @param digest the 32-byte message to sign with BIP340
 * @param sighashType the PSBT_IN_SIGHASH_TYPE, or SIGHASH_DEFAULT (0) when absent
 * @param outputKey the x-only output key of the spent P2TR output
 */
public record TaprootKeyPathSighash(byte[] digest, int sighashType, XonlyPublicKey outputKey) {
  public TaprootKeyPathSighash {
    digest = digest.clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  /** Computes the key-path sighash of input {@code index} of {@code psbt}. */
  public static TaprootKeyPathSighash of(Psbt psbt, int index, SigningOptions options) throws SigningRefusedException {
    if (index < 0 || index >= psbt.inputs().size()) {
      throw new SigningRefusedException("input " + index + ": no such input (the PSBT has " + psbt.inputs().size() + ")");
    }
    PsbtInput in = psbt.inputs().get(index);
    if (in.isFinalized()) {
      throw new SigningRefusedException("input " + index + ": already finalized");
    }
    List<TxOut> allSpent = spentOutputs(psbt, index);
    TxOut prevout = allSpent.get(index);
    if (ScriptType.classify(prevout.publicKeyScript, in.redeemScript()) != ScriptType.P2TR) {
      throw new SigningRefusedException("input " + index + ": spent output is not P2TR");
    }
    int sighash = in.sighashType().orElse(SigningOptions.SIGHASH_DEFAULT);
    if (!options.allowedSighashTypes().contains(sighash)) {
      throw new SigningRefusedException(
          "input " + index + ": sighash type 0x" + Integer.toHexString(sighash) + " is not allowed (allowed: ALL, DEFAULT)");
    }
    Transaction tx = psbt.unsignedTransaction();
    XonlyPublicKey outputKey = new XonlyPublicKey(new ByteVector32(Arrays.copyOfRange(prevout.publicKeyScript.toByteArray(), 2, 34)));
    return new TaprootKeyPathSighash(digest(tx, index, allSpent, sighash), sighash, outputKey);
  }

  /** {@code hash_TapSighash(SigMsg(hash_type, 0))} of input {@code index} (BIP341, key path). */
  static byte[] digest(Transaction tx, int index, List<TxOut> allSpent, int sighash) {
    return tx.hashForSigningTaprootKeyPath(index, allSpent, sighash, null).toByteArray();
  }

  /**
   * Every input's spent output, which taproot signing needs (BIP341 commits to all amounts and
   * scripts); refused naming the first input that has neither UTXO field.
   *
   * @param signing the input being signed, named in the refusal
   */
  static List<TxOut> spentOutputs(Psbt psbt, int signing) throws SigningRefusedException {
    List<TxOut> all = new ArrayList<>();
    for (int i = 0; i < psbt.inputs().size(); i++) {
      Optional<TxOut> spent = psbt.spentOutput(i);
      if (spent.isEmpty()) {
        throw new SigningRefusedException("input " + signing + ": taproot signing needs every spent output, but input " + i
            + " has neither UTXO field");
      }
      all.add(spent.get());
    }
    return all;
  }
}
