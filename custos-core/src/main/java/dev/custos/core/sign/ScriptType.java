package dev.custos.core.sign;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Script;
import java.util.Optional;

/**
 * The spending template of an output, as the signer and the analysis see it: derived from the
 * scriptPubKey plus the redeem script (P2SH) the PSBT supplies.
 */
public enum ScriptType {
  P2PKH("p2pkh"),
  P2SH_P2WPKH("p2sh-p2wpkh"),
  P2SH_P2WSH("p2sh-p2wsh"),
  P2SH("p2sh"),
  P2WPKH("p2wpkh"),
  P2WSH("p2wsh"),
  P2TR("p2tr"),
  UNKNOWN("unknown");

  private final String label;

  ScriptType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Segwit version 0 spends (BIP143 sighash, amount committed). */
  public boolean isSegwitV0() {
    return this == P2SH_P2WPKH || this == P2SH_P2WSH || this == P2WPKH || this == P2WSH;
  }

  /**
   * Classifies {@code scriptPubKey}; for P2SH the {@code redeemScript}, if given and hashing to the
   * script, refines the answer.
   */
  public static ScriptType classify(ByteVector scriptPubKey, Optional<ByteVector> redeemScript) {
    byte[] spk = scriptPubKey.toByteArray();
    if (Script.isPay2pkh(spk)) {
      return P2PKH;
    }
    if (Script.isPay2wpkh(spk)) {
      return P2WPKH;
    }
    if (Script.isPay2wsh(spk)) {
      return P2WSH;
    }
    if (Script.isPay2tr(spk)) {
      return P2TR;
    }
    if (Script.isPay2sh(spk)) {
      if (redeemScript.isPresent()
          && scriptPubKey.equals(new ByteVector(Script.write(Script.pay2sh(redeemScript.get().toByteArray()))))) {
        byte[] rs = redeemScript.get().toByteArray();
        if (Script.isPay2wpkh(rs)) {
          return P2SH_P2WPKH;
        }
        if (Script.isPay2wsh(rs)) {
          return P2SH_P2WSH;
        }
      }
      return P2SH;
    }
    return UNKNOWN;
  }
}
