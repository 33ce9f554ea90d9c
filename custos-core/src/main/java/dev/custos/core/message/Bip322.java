package dev.custos.core.message;

import static dev.custos.core.message.SignatureRejectedException.Reason.INVALID;
import static dev.custos.core.message.SignatureRejectedException.Reason.MALFORMED;
import static dev.custos.core.message.SignatureRejectedException.Reason.UNSUPPORTED;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OP_0;
import fr.acinq.bitcoin.OP_PUSHDATA;
import fr.acinq.bitcoin.OP_RETURN;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptElt;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxHash;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.Arrays;
import java.util.List;

/**
 * BIP-322 generic signed messages, "simple" and "full" variants, for single-key addresses:
 * P2WPKH and P2TR (key path) with either variant, P2PKH and P2SH-P2WPKH with "full".
 *
 * <p>The verifier builds {@code to_spend} and {@code to_sign} exactly as BIP-322 §Full says
 * ({@link #toSpend}, {@link #toSign}), checks the fields a full signature must have, checks that
 * the spend has the one shape each address type allows and signs with {@code SIGHASH_ALL} (or
 * {@code SIGHASH_DEFAULT} for taproot), and then lets bitcoin-kmp's script interpreter judge the
 * spend ({@code Transaction.correctlySpends} with Bitcoin Core's standard flags, which include the
 * BIP-322 required rules LOW_S, STRICTENC, NULLFAIL, MINIMALDATA, CLEANSTACK and MINIMALIF).
 *
 * <p>Signature text: {@code smp} + base64(witness stack), {@code ful} + base64(to_sign), or, for
 * signatures made before BIP-322 1.0.0 (today's hardware wallets and Sparrow), base64(witness
 * stack) with no prefix. Proof-of-funds ({@code pof}), script-path and multisig proofs are
 * refused as UNSUPPORTED. Time locks (nLockTime, nSequence of a full to_sign) are accepted: the
 * accepted scripts have no time-lock opcodes, so they cannot restrict validity.
 */
public final class Bip322 {
  /** BIP340 tag of the message hash. */
  public static final String TAG = "BIP0322-signed-message";
  private static final int MAX_TEXT = 4096;

  private Bip322() {}

  /** {@code sha256_tag("BIP0322-signed-message", message)}. */
  public static ByteVector32 messageHash(byte[] message) {
    return Crypto.taggedHash(message, TAG);
  }

  /** The virtual {@code to_spend} transaction for {@code message_challenge = scriptPubKey}. */
  public static Transaction toSpend(byte[] scriptPubKey, byte[] message) {
    List<ScriptElt> scriptSig = List.of(OP_0.INSTANCE, new OP_PUSHDATA(messageHash(message)));
    TxIn in = new TxIn(new OutPoint(new TxHash(ByteVector32.Zeroes), 0xFFFF_FFFFL), new ByteVector(Script.write(scriptSig)), 0L,
        ScriptWitness.Companion.getEmpty());
    return new Transaction(0L, List.of(in), List.of(new TxOut(new Satoshi(0L), scriptPubKey)), 0L);
  }

  /** The virtual {@code to_sign} transaction with {@code witness} as {@code message_signature}. */
  public static Transaction toSign(Transaction toSpend, ScriptWitness witness) {
    TxIn in = new TxIn(new OutPoint(toSpend, 0L), ByteVector.empty, 0L, witness);
    return new Transaction(0L, List.of(in), List.of(new TxOut(new Satoshi(0L), List.of(OP_RETURN.INSTANCE))), 0L);
  }

  /**
   * Verifies a BIP-322 signature over {@code message} for {@code address}.
   *
   * @throws SignatureRejectedException MALFORMED (encoding), UNSUPPORTED (variant or spend shape
   *     this verifier does not accept), INVALID (fails a BIP-322 rule or the script interpreter)
   */
  public static void verify(byte[] message, String signature, ApproverAddress address) throws SignatureRejectedException {
    if (signature.length() > MAX_TEXT) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 signature: longer than " + MAX_TEXT + " characters");
    }
    Transaction toSpend = toSpend(address.scriptPubKey(), message);
    Transaction toSign;
    if (signature.startsWith("ful")) {
      toSign = decodeFull(StrictBase64.decode(signature.substring(3), "BIP-322 full signature"), toSpend);
    } else if (signature.startsWith("pof")) {
      throw new SignatureRejectedException(UNSUPPORTED, "BIP-322 proof-of-funds signatures are not accepted: sign the simple or full variant");
    } else {
      String body = signature.startsWith("smp") ? signature.substring(3) : signature;
      if (address.type() != AddressType.P2WPKH && address.type() != AddressType.P2TR) {
        throw new SignatureRejectedException(UNSUPPORTED,
            "BIP-322 simple signatures exist only for native segwit addresses; " + address.text() + " is " + address.type() + ": use the full variant or BIP-137");
      }
      toSign = toSign(toSpend, WitnessStack.decode(StrictBase64.decode(body, "BIP-322 simple signature")));
    }
    checkShape(toSign.txIn.get(0), address);
    try {
      Transaction.correctlySpends(toSign, List.of(toSpend), ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
    } catch (RuntimeException e) {
      throw new SignatureRejectedException(INVALID, "BIP-322 signature does not verify for " + address.text() + " (script interpreter: " + e.getMessage() + ")");
    }
  }

  private static Transaction decodeFull(byte[] bytes, Transaction toSpend) throws SignatureRejectedException {
    Transaction tx;
    try {
      tx = Transaction.read(bytes);
    } catch (RuntimeException e) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 full signature: not a transaction");
    }
    if (!Arrays.equals(Transaction.write(tx), bytes)) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 full signature: trailing or non-canonical transaction bytes");
    }
    if (tx.txIn.size() != 1) {
      throw new SignatureRejectedException(UNSUPPORTED, "BIP-322 full signature: to_sign has " + tx.txIn.size() + " inputs, expected 1");
    }
    OutPoint prevout = tx.txIn.get(0).outPoint;
    if (!prevout.txid.equals(toSpend.txid) || prevout.index != 0) {
      throw new SignatureRejectedException(INVALID, "BIP-322 full signature: to_sign does not spend to_spend:0 of this message and address");
    }
    if (tx.txOut.size() != 1 || tx.txOut.get(0).amount.toLong() != 0
        || !tx.txOut.get(0).publicKeyScript.equals(new ByteVector(new byte[] {0x6a}))) {
      throw new SignatureRejectedException(INVALID, "BIP-322 full signature: to_sign must have exactly one 0-value OP_RETURN output");
    }
    if (tx.version != 0 && tx.version != 2) {
      throw new SignatureRejectedException(UNSUPPORTED, "BIP-322 full signature: to_sign version " + tx.version + " is not 0 or 2 (inconclusive)");
    }
    return tx;
  }

  private static void checkShape(TxIn in, ApproverAddress address) throws SignatureRejectedException {
    List<ByteVector> stack = in.witness.stack;
    switch (address.type()) {
      case P2WPKH -> {
        requireEmptyScriptSig(in);
        requireEcdsaWitness(stack, address);
      }
      case P2SH_P2WPKH -> {
        List<ScriptElt> sig = parseScriptSig(in);
        if (sig.size() != 1 || !(sig.get(0) instanceof OP_PUSHDATA push) || push.data.size() != 22) {
          throw new SignatureRejectedException(INVALID, "BIP-322: a P2SH-P2WPKH spend needs a scriptSig pushing only the 22-byte redeem script");
        }
        requireEcdsaWitness(stack, address);
      }
      case P2PKH -> {
        List<ScriptElt> sig = parseScriptSig(in);
        if (!stack.isEmpty() || sig.size() != 2 || !(sig.get(0) instanceof OP_PUSHDATA s)) {
          throw new SignatureRejectedException(INVALID, "BIP-322: a P2PKH spend needs a scriptSig of <signature> <public key> and no witness");
        }
        requireSighashAll(s.data);
      }
      case P2TR -> {
        requireEmptyScriptSig(in);
        if (stack.size() != 1) {
          throw new SignatureRejectedException(stack.isEmpty() ? INVALID : UNSUPPORTED,
              "BIP-322: only taproot key-path spends (one 64/65-byte witness item) are accepted; got " + stack.size() + " items");
        }
        int len = stack.get(0).size();
        if (len != 64 && !(len == 65 && stack.get(0).get(64) == 0x01)) {
          throw new SignatureRejectedException(INVALID, "BIP-322: taproot signature must be 64 bytes (SIGHASH_DEFAULT) or 65 ending in 01 (SIGHASH_ALL)");
        }
      }
    }
  }

  private static void requireEcdsaWitness(List<ByteVector> stack, ApproverAddress address) throws SignatureRejectedException {
    if (stack.size() != 2) {
      throw new SignatureRejectedException(INVALID, "BIP-322: a " + address.type() + " spend needs a witness of <signature> <public key>; got " + stack.size() + " items");
    }
    requireSighashAll(stack.get(0));
  }

  private static void requireSighashAll(ByteVector signature) throws SignatureRejectedException {
    if (signature.isEmpty() || signature.get(signature.size() - 1) != 0x01) {
      throw new SignatureRejectedException(INVALID, "BIP-322: ECDSA signatures must use SIGHASH_ALL");
    }
  }

  private static void requireEmptyScriptSig(TxIn in) throws SignatureRejectedException {
    if (!in.signatureScript.isEmpty()) {
      throw new SignatureRejectedException(INVALID, "BIP-322: a native segwit spend must have an empty scriptSig");
    }
  }

  private static List<ScriptElt> parseScriptSig(TxIn in) throws SignatureRejectedException {
    try {
      return Script.parse(in.signatureScript);
    } catch (RuntimeException e) {
      throw new SignatureRejectedException(MALFORMED, "BIP-322 full signature: scriptSig does not parse");
    }
  }
}
