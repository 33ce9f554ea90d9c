package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxHash;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Psbt} in canonical form: within each map, entries in ascending unsigned order
 * of their whole key bytes; a version 0 PSBT without PSBT_GLOBAL_VERSION (as Bitcoin Core writes
 * it); {@link RawEntry} entries byte for byte.
 */
final class PsbtWriter {
  static final byte[] MAGIC = {0x70, 0x73, 0x62, 0x74, (byte) 0xff};

  private PsbtWriter() {}

  static byte[] write(Psbt psbt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    global(psbt).writeTo(out);
    for (PsbtInput in : psbt.inputs()) {
      input(in).writeTo(out);
    }
    for (PsbtOutput o : psbt.outputs()) {
      output(o).writeTo(out);
    }
    return out.toByteArray();
  }

  private static MapBuilder global(Psbt psbt) {
    PsbtGlobal g = psbt.global();
    MapBuilder m = new MapBuilder(g.other());
    g.unsignedTx().ifPresent(tx -> m.add(GlobalField.UNSIGNED_TX.type, new byte[0],
        Transaction.Companion.write(tx, Transaction.SERIALIZE_TRANSACTION_NO_WITNESS)));
    for (Map.Entry<ByteVector, KeyOrigin> x : g.xpubs().entrySet()) {
      m.add(GlobalField.XPUB.type, x.getKey().toByteArray(), KeyOrigins.write(x.getValue()));
    }
    if (psbt.version() == 2) {
      m.add(GlobalField.TX_VERSION.type, new byte[0], uint32(g.txVersion()));
      g.fallbackLocktime().ifPresent(t -> m.add(GlobalField.FALLBACK_LOCKTIME.type, new byte[0], uint32(t)));
      m.add(GlobalField.INPUT_COUNT.type, new byte[0], compactSize(psbt.inputs().size()));
      m.add(GlobalField.OUTPUT_COUNT.type, new byte[0], compactSize(psbt.outputs().size()));
      g.txModifiable().ifPresent(f -> m.add(GlobalField.TX_MODIFIABLE.type, new byte[0], new byte[] {(byte) f}));
      m.add(GlobalField.VERSION.type, new byte[0], uint32(2));
    }
    return m;
  }

  private static MapBuilder input(PsbtInput in) {
    MapBuilder m = new MapBuilder(in.other());
    byte[] none = new byte[0];
    in.nonWitnessUtxo().ifPresent(tx -> m.add(InputField.NON_WITNESS_UTXO.type, none, Transaction.write(tx)));
    in.witnessUtxo().ifPresent(o -> m.add(InputField.WITNESS_UTXO.type, none, fr.acinq.bitcoin.TxOut.write(o)));
    for (Map.Entry<PublicKey, ByteVector> s : in.partialSigs().entrySet()) {
      m.add(InputField.PARTIAL_SIG.type, s.getKey().value.toByteArray(), s.getValue().toByteArray());
    }
    in.sighashType().ifPresent(t -> m.add(InputField.SIGHASH_TYPE.type, none, uint32(t & 0xffff_ffffL)));
    in.redeemScript().ifPresent(s -> m.add(InputField.REDEEM_SCRIPT.type, none, s.toByteArray()));
    in.witnessScript().ifPresent(s -> m.add(InputField.WITNESS_SCRIPT.type, none, s.toByteArray()));
    for (Map.Entry<PublicKey, KeyOrigin> d : in.bip32Derivations().entrySet()) {
      m.add(InputField.BIP32_DERIVATION.type, d.getKey().value.toByteArray(), KeyOrigins.write(d.getValue()));
    }
    in.finalScriptSig().ifPresent(s -> m.add(InputField.FINAL_SCRIPTSIG.type, none, s.toByteArray()));
    in.finalScriptWitness().ifPresent(w -> m.add(InputField.FINAL_SCRIPTWITNESS.type, none,
        TransactionValues.writeWitness(w)));
    in.previousTxid().ifPresent(id -> m.add(InputField.PREVIOUS_TXID.type, none, new TxHash(id).value.toByteArray()));
    in.outputIndex().ifPresent(i -> m.add(InputField.OUTPUT_INDEX.type, none, uint32(i)));
    in.sequence().ifPresent(s -> m.add(InputField.SEQUENCE.type, none, uint32(s)));
    in.requiredTimeLocktime().ifPresent(t -> m.add(InputField.REQUIRED_TIME_LOCKTIME.type, none, uint32(t)));
    in.requiredHeightLocktime().ifPresent(h -> m.add(InputField.REQUIRED_HEIGHT_LOCKTIME.type, none, uint32(h)));
    in.tapKeySig().ifPresent(s -> m.add(InputField.TAP_KEY_SIG.type, none, s.toByteArray()));
    for (Map.Entry<TapScriptSigKey, ByteVector> s : in.tapScriptSigs().entrySet()) {
      byte[] key = concat(s.getKey().key().value.toByteArray(), s.getKey().leafHash().toByteArray());
      m.add(InputField.TAP_SCRIPT_SIG.type, key, s.getValue().toByteArray());
    }
    for (TapLeafScript l : in.tapLeafScripts()) {
      m.add(InputField.TAP_LEAF_SCRIPT.type, l.controlBlock().toByteArray(),
          concat(l.script().toByteArray(), new byte[] {(byte) l.leafVersion()}));
    }
    for (Map.Entry<XonlyPublicKey, TapKeyOrigin> d : in.tapBip32Derivations().entrySet()) {
      m.add(InputField.TAP_BIP32_DERIVATION.type, d.getKey().value.toByteArray(), KeyOrigins.writeTap(d.getValue()));
    }
    in.tapInternalKey().ifPresent(k -> m.add(InputField.TAP_INTERNAL_KEY.type, none, k.value.toByteArray()));
    in.tapMerkleRoot().ifPresent(r -> m.add(InputField.TAP_MERKLE_ROOT.type, none, r.toByteArray()));
    return m;
  }

  private static MapBuilder output(PsbtOutput o) {
    MapBuilder m = new MapBuilder(o.other());
    byte[] none = new byte[0];
    o.redeemScript().ifPresent(s -> m.add(OutputField.REDEEM_SCRIPT.type, none, s.toByteArray()));
    o.witnessScript().ifPresent(s -> m.add(OutputField.WITNESS_SCRIPT.type, none, s.toByteArray()));
    for (Map.Entry<PublicKey, KeyOrigin> d : o.bip32Derivations().entrySet()) {
      m.add(OutputField.BIP32_DERIVATION.type, d.getKey().value.toByteArray(), KeyOrigins.write(d.getValue()));
    }
    o.amount().ifPresent(a -> {
      ByteArrayOutputStream v = new ByteArrayOutputStream();
      CompactSize.writeLittleEndian(v, a, 8);
      m.add(OutputField.AMOUNT.type, none, v.toByteArray());
    });
    o.script().ifPresent(s -> m.add(OutputField.SCRIPT.type, none, s.toByteArray()));
    o.tapInternalKey().ifPresent(k -> m.add(OutputField.TAP_INTERNAL_KEY.type, none, k.value.toByteArray()));
    o.tapTree().ifPresent(t -> m.add(OutputField.TAP_TREE.type, none, t.toByteArray()));
    for (Map.Entry<XonlyPublicKey, TapKeyOrigin> d : o.tapBip32Derivations().entrySet()) {
      m.add(OutputField.TAP_BIP32_DERIVATION.type, d.getKey().value.toByteArray(), KeyOrigins.writeTap(d.getValue()));
    }
    return m;
  }

  private static byte[] uint32(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompactSize.writeLittleEndian(out, v, 4);
    return out.toByteArray();
  }

  private static byte[] compactSize(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompactSize.write(out, v);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** The entries of one map, sorted by key when written. */
  private static final class MapBuilder {
    private final List<byte[][]> entries = new ArrayList<>();

    MapBuilder(List<RawEntry> raw) {
      for (RawEntry r : raw) {
        entries.add(new byte[][] {r.key().toByteArray(), r.value().toByteArray()});
      }
    }

    void add(int type, byte[] keyData, byte[] value) {
      ByteArrayOutputStream key = new ByteArrayOutputStream();
      CompactSize.write(key, type);
      key.writeBytes(keyData);
      entries.add(new byte[][] {key.toByteArray(), value});
    }

    void writeTo(ByteArrayOutputStream out) {
      entries.sort((a, b) -> MapReader.KEY_ORDER.compare(a[0], b[0]));
      for (byte[][] e : entries) {
        CompactSize.write(out, e[0].length);
        out.writeBytes(e[0]);
        CompactSize.write(out, e[1].length);
        out.writeBytes(e[1]);
      }
      out.write(0x00);
    }
  }
}
