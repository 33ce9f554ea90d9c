package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Protocol;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Transactions, outputs and witness stacks inside PSBT values, decoded with bitcoin-kmp and then
 * required to re-encode to exactly the same bytes: this rejects trailing bytes, non-minimal
 * encodings and superfluous witness markers, so that the txid bitcoin-kmp computes is the txid of
 * the bytes that were received.
 */
final class TransactionValues {
  private TransactionValues() {}

  /** PSBT_GLOBAL_UNSIGNED_TX: legacy (witness-less) serialization, empty scriptSigs. */
  static Transaction unsignedTx(byte[] value, FieldSite site) throws PsbtFormatException {
    Transaction tx = canonical(value, site, Transaction.SERIALIZE_TRANSACTION_NO_WITNESS);
    for (int i = 0; i < tx.txIn.size(); i++) {
      if (!tx.txIn.get(i).signatureScript.isEmpty()) {
        throw site.error("input " + i + " of the unsigned transaction has a non-empty scriptSig");
      }
    }
    return tx;
  }

  /** PSBT_IN_NON_WITNESS_UTXO: network serialization, with or without witnesses. */
  static Transaction transaction(byte[] value, FieldSite site) throws PsbtFormatException {
    return canonical(value, site, Protocol.PROTOCOL_VERSION);
  }

  static TxOut txOut(byte[] value, FieldSite site) throws PsbtFormatException {
    TxOut out;
    try {
      out = TxOut.read(value);
    } catch (RuntimeException e) {
      throw site.error("value is not a valid TxOut");
    }
    if (!Arrays.equals(TxOut.write(out), value)) {
      throw site.error("value is not a valid TxOut (trailing or non-canonical bytes)");
    }
    return out;
  }

  static ScriptWitness witness(byte[] value, FieldSite site) throws PsbtFormatException {
    ByteReader in = site.reader(value);
    long count = in.readCompactSize();
    if (count > in.remaining()) {
      throw site.error("witness declares " + count + " items but only " + in.remaining() + " bytes remain");
    }
    List<ByteVector> stack = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      stack.add(new ByteVector(in.readVarBytes()));
    }
    in.expectEnd();
    return new ScriptWitness(stack);
  }

  static byte[] writeWitness(ScriptWitness witness) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompactSize.write(out, witness.stack.size());
    for (ByteVector item : witness.stack) {
      CompactSize.write(out, item.size());
      out.writeBytes(item.toByteArray());
    }
    return out.toByteArray();
  }

  private static Transaction canonical(byte[] value, FieldSite site, long protocolVersion)
      throws PsbtFormatException {
    Transaction tx;
    try {
      tx = Transaction.Companion.read(value, protocolVersion);
    } catch (RuntimeException e) {
      throw site.error("value is not a valid transaction");
    }
    byte[] again;
    try {
      again = Transaction.Companion.write(tx, protocolVersion);
    } catch (RuntimeException e) {
      throw site.error("value is not a valid transaction");
    }
    if (!Arrays.equals(again, value)) {
      throw site.error("value is not a canonically serialized transaction (trailing bytes, "
          + "non-minimal sizes, or an empty witness section)");
    }
    return tx;
  }
}
