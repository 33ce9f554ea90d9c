package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxHash;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Decodes and validates one input map (BIP174, BIP370, BIP371). */
final class InputMapDecoder {
  static final long LOCKTIME_THRESHOLD = 500_000_000L;
  private static final int MAX_CONTROL_BLOCK_DEPTH = 128;

  private final String location;
  private final int version;
  private Optional<Transaction> nonWitnessUtxo = Optional.empty();
  private Optional<TxOut> witnessUtxo = Optional.empty();
  private final Map<PublicKey, ByteVector> partialSigs = new LinkedHashMap<>();
  private OptionalInt sighashType = OptionalInt.empty();
  private Optional<ByteVector> redeemScript = Optional.empty();
  private Optional<ByteVector> witnessScript = Optional.empty();
  private final Map<PublicKey, KeyOrigin> bip32Derivations = new LinkedHashMap<>();
  private Optional<ByteVector> finalScriptSig = Optional.empty();
  private Optional<ScriptWitness> finalScriptWitness = Optional.empty();
  private Optional<TxId> previousTxid = Optional.empty();
  private OptionalLong outputIndex = OptionalLong.empty();
  private OptionalLong sequence = OptionalLong.empty();
  private OptionalLong requiredTimeLocktime = OptionalLong.empty();
  private OptionalLong requiredHeightLocktime = OptionalLong.empty();
  private Optional<ByteVector> tapKeySig = Optional.empty();
  private final Map<TapScriptSigKey, ByteVector> tapScriptSigs = new LinkedHashMap<>();
  private final List<TapLeafScript> tapLeafScripts = new ArrayList<>();
  private final Map<XonlyPublicKey, TapKeyOrigin> tapBip32Derivations = new LinkedHashMap<>();
  private Optional<XonlyPublicKey> tapInternalKey = Optional.empty();
  private Optional<ByteVector32> tapMerkleRoot = Optional.empty();
  private final List<RawEntry> other = new ArrayList<>();

  private InputMapDecoder(int index, int version) {
    this.location = "input " + index;
    this.version = version;
  }

  /**
   * @param unsignedTxPrevout for version 0, the outpoint the unsigned transaction spends at this
   *     index; empty for version 2, where the input map carries it
   */
  static PsbtInput decode(List<MapEntry> entries, int index, int version,
      Optional<OutPoint> unsignedTxPrevout) throws PsbtFormatException {
    InputMapDecoder d = new InputMapDecoder(index, version);
    for (MapEntry e : entries) {
      InputField field = InputField.of(e.type());
      if (field == null) {
        d.other.add(e.raw());
        continue;
      }
      FieldSite site = new FieldSite(d.location, field.fieldName());
      try {
        d.decodeField(field, e, site);
      } catch (RuntimeException ex) {
        throw site.error("value is malformed (" + ex.getClass().getSimpleName() + ")");
      }
    }
    return d.finish(unsignedTxPrevout);
  }

  private void decodeField(InputField field, MapEntry e, FieldSite site) throws PsbtFormatException {
    byte[] value = e.value();
    switch (field) {
      case NON_WITNESS_UTXO -> {
        site.requireNoKeyData(e);
        nonWitnessUtxo = Optional.of(TransactionValues.transaction(value, site));
      }
      case WITNESS_UTXO -> {
        site.requireNoKeyData(e);
        witnessUtxo = Optional.of(TransactionValues.txOut(value, site));
      }
      case PARTIAL_SIG -> {
        Optional<PublicKey> key = ecdsaKey(e, site);
        SignatureFormats.requireEcdsa(value, site);
        key.ifPresentOrElse(k -> partialSigs.put(k, new ByteVector(value)), () -> other.add(e.raw()));
      }
      case SIGHASH_TYPE -> sighashType = OptionalInt.of((int) site.uint32(e));
      case REDEEM_SCRIPT -> {
        site.requireNoKeyData(e);
        redeemScript = Optional.of(new ByteVector(value));
      }
      case WITNESS_SCRIPT -> {
        site.requireNoKeyData(e);
        witnessScript = Optional.of(new ByteVector(value));
      }
      case BIP32_DERIVATION -> {
        Optional<PublicKey> key = ecdsaKey(e, site);
        KeyOrigin origin = KeyOrigins.read(site.reader(value));
        key.ifPresentOrElse(k -> bip32Derivations.put(k, origin), () -> other.add(e.raw()));
      }
      case FINAL_SCRIPTSIG -> {
        site.requireNoKeyData(e);
        finalScriptSig = Optional.of(new ByteVector(value));
      }
      case FINAL_SCRIPTWITNESS -> {
        site.requireNoKeyData(e);
        finalScriptWitness = Optional.of(TransactionValues.witness(value, site));
      }
      case RIPEMD160 -> preimage(e, site, 20, Crypto.ripemd160(value));
      case SHA256 -> preimage(e, site, 32, Crypto.sha256(value));
      case HASH160 -> preimage(e, site, 20, Crypto.hash160(value));
      case HASH256 -> preimage(e, site, 32, Crypto.hash256(value));
      case PREVIOUS_TXID -> {
        onlyInVersion2(site);
        site.requireNoKeyData(e);
        site.requireValueLength(e, 32);
        previousTxid = Optional.of(new TxId(new TxHash(value)));
      }
      case OUTPUT_INDEX -> {
        onlyInVersion2(site);
        outputIndex = OptionalLong.of(site.uint32(e));
      }
      case SEQUENCE -> {
        onlyInVersion2(site);
        sequence = OptionalLong.of(site.uint32(e));
      }
      case REQUIRED_TIME_LOCKTIME -> {
        onlyInVersion2(site);
        long t = site.uint32(e);
        if (t < LOCKTIME_THRESHOLD) {
          throw site.error("time lock " + t + " is below " + LOCKTIME_THRESHOLD);
        }
        requiredTimeLocktime = OptionalLong.of(t);
      }
      case REQUIRED_HEIGHT_LOCKTIME -> {
        onlyInVersion2(site);
        long h = site.uint32(e);
        if (h == 0 || h >= LOCKTIME_THRESHOLD) {
          throw site.error("height lock " + h + " is not in [1, " + (LOCKTIME_THRESHOLD - 1) + "]");
        }
        requiredHeightLocktime = OptionalLong.of(h);
      }
      case TAP_KEY_SIG -> {
        site.requireNoKeyData(e);
        SignatureFormats.requireSchnorr(value, site);
        tapKeySig = Optional.of(new ByteVector(value));
      }
      case TAP_SCRIPT_SIG -> {
        site.requireKeyDataLength(e, 64);
        XonlyPublicKey key = PsbtKeys.xonly(Arrays.copyOfRange(e.keyData(), 0, 32), site);
        ByteVector32 leafHash = new ByteVector32(Arrays.copyOfRange(e.keyData(), 32, 64));
        SignatureFormats.requireSchnorr(value, site);
        tapScriptSigs.put(new TapScriptSigKey(key, leafHash), new ByteVector(value));
      }
      case TAP_LEAF_SCRIPT -> tapLeafScripts.add(leafScript(e, site));
      case TAP_BIP32_DERIVATION -> {
        XonlyPublicKey key = PsbtKeys.xonly(e.keyData(), site);
        tapBip32Derivations.put(key, KeyOrigins.readTap(site.reader(value)));
      }
      case TAP_INTERNAL_KEY -> {
        site.requireNoKeyData(e);
        tapInternalKey = Optional.of(PsbtKeys.xonly(value, site));
      }
      case TAP_MERKLE_ROOT -> {
        site.requireNoKeyData(e);
        site.requireValueLength(e, 32);
        tapMerkleRoot = Optional.of(new ByteVector32(value));
      }
      case PROPRIETARY -> {
        ProprietaryKeys.validate(e, site);
        other.add(e.raw());
      }
    }
  }

  /** A compressed key for the typed maps; empty for a valid uncompressed key (kept verbatim). */
  private static Optional<PublicKey> ecdsaKey(MapEntry e, FieldSite site) throws PsbtFormatException {
    byte[] key = e.keyData();
    if (key.length == 33) {
      return Optional.of(PsbtKeys.compressed(key, site));
    }
    if (key.length == 65) {
      PsbtKeys.requireValidUncompressed(key, site);
      return Optional.empty();
    }
    throw site.error("key data must be a 33 or 65-byte public key, found " + key.length + " bytes");
  }

  private void preimage(MapEntry e, FieldSite site, int hashLength, byte[] hash) throws PsbtFormatException {
    site.requireKeyDataLength(e, hashLength);
    if (!Arrays.equals(hash, e.keyData())) {
      throw site.error("preimage does not hash to the key data");
    }
    other.add(e.raw());
  }

  private static TapLeafScript leafScript(MapEntry e, FieldSite site) throws PsbtFormatException {
    byte[] control = e.keyData();
    int pathLength = control.length - 33;
    if (pathLength < 0 || pathLength % 32 != 0 || pathLength / 32 > MAX_CONTROL_BLOCK_DEPTH) {
      throw site.error("control block must be 33 + 32*m bytes with m <= " + MAX_CONTROL_BLOCK_DEPTH
          + ", found " + control.length);
    }
    PsbtKeys.xonly(Arrays.copyOfRange(control, 1, 33), site);
    byte[] value = e.value();
    if (value.length == 0) {
      throw site.error("value must be a script followed by a leaf version byte");
    }
    int leafVersion = value[value.length - 1] & 0xff;
    if (leafVersion != (control[0] & 0xfe)) {
      throw site.error("leaf version 0x" + Integer.toHexString(leafVersion)
          + " does not match the control block's 0x" + Integer.toHexString(control[0] & 0xfe));
    }
    return new TapLeafScript(new ByteVector(control),
        new ByteVector(Arrays.copyOf(value, value.length - 1)), leafVersion);
  }

  private void onlyInVersion2(FieldSite site) throws PsbtFormatException {
    if (version != 2) {
      throw site.error("not allowed in version " + version);
    }
  }

  private PsbtFormatException missing(InputField field) {
    return new PsbtFormatException(location + ": " + field.fieldName() + " missing (required in version 2)");
  }

  private PsbtInput finish(Optional<OutPoint> unsignedTxPrevout) throws PsbtFormatException {
    OutPoint prevout;
    if (version == 2) {
      prevout = new OutPoint(previousTxid.orElseThrow(() -> missing(InputField.PREVIOUS_TXID)),
          outputIndex.orElseThrow(() -> missing(InputField.OUTPUT_INDEX)));
    } else {
      prevout = unsignedTxPrevout.orElseThrow();
    }
    if (nonWitnessUtxo.isPresent()) {
      FieldSite site = new FieldSite(location, InputField.NON_WITNESS_UTXO.fieldName());
      Transaction tx = nonWitnessUtxo.get();
      if (!tx.txid.equals(prevout.txid)) {
        throw site.error("transaction " + tx.txid + " is not the spent transaction " + prevout.txid);
      }
      if (prevout.index >= tx.txOut.size()) {
        throw site.error("spent output index " + prevout.index + " but the transaction has "
            + tx.txOut.size() + " outputs");
      }
      TxOut spent = tx.txOut.get((int) prevout.index);
      if (witnessUtxo.isPresent() && !witnessUtxo.get().equals(spent)) {
        throw new FieldSite(location, InputField.WITNESS_UTXO.fieldName())
            .error("does not match the spent output of PSBT_IN_NON_WITNESS_UTXO");
      }
    }
    return new PsbtInput(nonWitnessUtxo, witnessUtxo, partialSigs, sighashType, redeemScript,
        witnessScript, bip32Derivations, finalScriptSig, finalScriptWitness, previousTxid,
        outputIndex, sequence, requiredTimeLocktime, requiredHeightLocktime, tapKeySig,
        tapScriptSigs, tapLeafScripts, tapBip32Derivations, tapInternalKey, tapMerkleRoot, other);
  }
}
