package dev.custos.core.sign;

import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.TapKeyOrigin;
import dev.custos.core.psbt.TapLeafScript;
import dev.custos.core.psbt.TapScriptSigKey;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.SigVersion;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs the inputs of a PSBT that belong to a key hierarchy (BIP174 "Signer" role).
 *
 * <p>An input is ours when a PSBT_IN_BIP32_DERIVATION or PSBT_IN_TAP_BIP32_DERIVATION entry
 * carries our master fingerprint <em>and</em> deriving that path from our master gives exactly
 * the claimed key; a claim that does not derive to the claimed key is never signed. The signer
 * never trusts the spent script either: it rebuilds the script it expects for the key
 * (P2PKH, P2SH-P2WPKH, P2WPKH, P2WSH / P2SH-P2WSH multisig, P2TR key path per BIP86 or with a
 * merkle root, P2TR script path per BIP342) and signs only when the spent output matches.
 *
 * <p>Safety rules (each refusal refuses the whole PSBT, so nothing is half-signed):
 * <ul>
 *   <li>only SIGHASH_ALL, and SIGHASH_DEFAULT on taproot, unless {@link SigningOptions} allows more;
 *   <li>the spent output must be known; if both UTXO fields are present they must agree;
 *   <li>P2PKH needs the full previous transaction;
 *   <li>taproot needs every input's spent output (BIP341 commits to all amounts and scripts);
 *   <li>segwit v0 inputs without the previous transaction are signed but flagged: their amount
 *       cannot be verified (the "segwit fee attack", CVE-2020-14199).
 * </ul>
 * Inputs that are not ours, and finalized inputs, are left byte-for-byte untouched.
 */
public final class PsbtSigner {
  private final SigningOptions options;
  private final SecureRandom random;

  /** @param random source of BIP340 auxiliary randomness */
  public PsbtSigner(SigningOptions options, SecureRandom random) {
    this.options = options;
    this.random = random;
  }

  public SigningResult sign(Psbt psbt, SigningKeys keys) throws SigningRefusedException {
    Transaction tx = psbt.unsignedTransaction();
    List<Optional<TxOut>> spent = new ArrayList<>();
    for (int i = 0; i < psbt.inputs().size(); i++) {
      spent.add(psbt.spentOutput(i));
    }
    Psbt out = psbt;
    List<InputSigning> reports = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < psbt.inputs().size(); i++) {
      InputContext ctx = new InputContext(psbt, i, psbt.inputs().get(i), tx, spent, keys);
      InputSigning report = signInput(ctx);
      reports.add(report);
      if (report.status() == InputSigning.Status.SIGNED) {
        out = out.withInput(i, ctx.input);
      }
      for (String note : report.notes()) {
        warnings.add("input " + i + ": " + note);
      }
    }
    return new SigningResult(out, reports, warnings);
  }

  private InputSigning signInput(InputContext c) throws SigningRefusedException {
    PsbtInput in = c.input;
    boolean claimsOurs = in.bip32Derivations().values().stream().anyMatch(o -> o.masterFingerprint() == c.keys.masterFingerprint())
        || in.tapBip32Derivations().values().stream().anyMatch(o -> o.origin().masterFingerprint() == c.keys.masterFingerprint());
    if (in.isFinalized()) {
      return c.report(ScriptType.UNKNOWN, InputSigning.Status.ALREADY_FINAL);
    }
    if (!claimsOurs) {
      return c.report(ScriptType.UNKNOWN, InputSigning.Status.NOT_OURS);
    }
    TxOut prevout = c.spent.get(c.index)
        .orElseThrow(() -> c.refuse("spent output unknown: PSBT_IN_WITNESS_UTXO or PSBT_IN_NON_WITNESS_UTXO is required"));
    if (in.witnessUtxo().isPresent() && in.nonWitnessUtxo().isPresent()) {
      long vout = c.tx.txIn.get(c.index).outPoint.index;
      TxOut fromTx = in.nonWitnessUtxo().get().txOut.get((int) vout);
      if (!fromTx.equals(in.witnessUtxo().get())) {
        throw c.refuse("PSBT_IN_WITNESS_UTXO disagrees with output " + vout + " of PSBT_IN_NON_WITNESS_UTXO");
      }
    }
    ScriptType type = ScriptType.classify(prevout.publicKeyScript, in.redeemScript());
    int sighash = in.sighashType().orElse(type == ScriptType.P2TR ? SigningOptions.SIGHASH_DEFAULT : SigningOptions.SIGHASH_ALL);
    if (!options.allowedSighashTypes().contains(sighash)) {
      throw c.refuse("sighash type 0x" + Integer.toHexString(sighash) + " is not allowed (allowed: ALL, DEFAULT)");
    }
    if (sighash == SigningOptions.SIGHASH_DEFAULT && type != ScriptType.P2TR) {
      throw c.refuse("SIGHASH_DEFAULT (0) is only valid for taproot inputs");
    }
    if (type.isSegwitV0() && in.nonWitnessUtxo().isEmpty()) {
      c.notes.add("segwit v0 input without PSBT_IN_NON_WITNESS_UTXO: its amount cannot be verified (segwit fee attack)");
    }
    int signatures = switch (type) {
      case P2PKH -> signLegacy(c, prevout, sighash);
      case P2WPKH, P2SH_P2WPKH -> signWpkh(c, prevout, type, sighash);
      case P2WSH, P2SH_P2WSH -> signWsh(c, prevout, type, sighash);
      case P2TR -> signTaproot(c, prevout, sighash);
      case P2SH, UNKNOWN -> {
        c.notes.add("script type " + type.label() + " is not supported for signing: left unsigned");
        yield 0;
      }
    };
    return c.report(type, signatures > 0 ? InputSigning.Status.SIGNED : InputSigning.Status.NOT_OURS, signatures);
  }

  private int signLegacy(InputContext c, TxOut prevout, int sighash) throws SigningRefusedException {
    if (c.input.nonWitnessUtxo().isEmpty()) {
      throw c.refuse("P2PKH input needs PSBT_IN_NON_WITNESS_UTXO (the previous transaction)");
    }
    int n = 0;
    for (var e : c.ourEcdsaKeys()) {
      PublicKey key = e.getKey();
      if (!prevout.publicKeyScript.equals(scriptBytes(Script.pay2pkh(key)))) {
        c.notes.add("key " + key.toHex() + " is not the key of this P2PKH output");
        continue;
      }
      byte[] digest = c.tx.hashForSigning(c.index, prevout.publicKeyScript.toByteArray(), sighash);
      n += c.addEcdsaSignature(e.getValue(), key, digest, sighash);
    }
    return n;
  }

  private int signWpkh(InputContext c, TxOut prevout, ScriptType type, int sighash) {
    int n = 0;
    for (var e : c.ourEcdsaKeys()) {
      PublicKey key = e.getKey();
      ByteVector wpkh = scriptBytes(Script.pay2wpkh(key));
      boolean matches = type == ScriptType.P2WPKH
          ? prevout.publicKeyScript.equals(wpkh)
          : c.input.redeemScript().map(wpkh::equals).orElse(false);
      if (!matches) {
        c.notes.add("key " + key.toHex() + " is not the key of this " + type.label() + " output");
        continue;
      }
      byte[] scriptCode = Script.write(Script.pay2pkh(key));
      byte[] digest = c.tx.hashForSigning(c.index, scriptCode, sighash, prevout.amount, SigVersion.SIGVERSION_WITNESS_V0);
      n += c.addEcdsaSignature(e.getValue(), key, digest, sighash);
    }
    return n;
  }

  private int signWsh(InputContext c, TxOut prevout, ScriptType type, int sighash) throws SigningRefusedException {
    ByteVector witnessScript = c.input.witnessScript()
        .orElseThrow(() -> c.refuse(type.label() + " input needs PSBT_IN_WITNESS_SCRIPT"));
    ByteVector wsh = scriptBytes(Script.pay2wsh(witnessScript));
    boolean committed = type == ScriptType.P2WSH
        ? prevout.publicKeyScript.equals(wsh)
        : c.input.redeemScript().map(wsh::equals).orElse(false);
    if (!committed) {
      throw c.refuse("PSBT_IN_WITNESS_SCRIPT does not hash to the spent output");
    }
    Optional<List<PublicKey>> multisigKeys = Multisig.keys(witnessScript);
    if (multisigKeys.isEmpty()) {
      c.notes.add("witness script is not a multi/sortedmulti script: left unsigned");
      return 0;
    }
    int n = 0;
    for (var e : c.ourEcdsaKeys()) {
      PublicKey key = e.getKey();
      if (!multisigKeys.get().contains(key)) {
        c.notes.add("key " + key.toHex() + " is not in the witness script");
        continue;
      }
      byte[] digest = c.tx.hashForSigning(c.index, witnessScript.toByteArray(), sighash, prevout.amount, SigVersion.SIGVERSION_WITNESS_V0);
      n += c.addEcdsaSignature(e.getValue(), key, digest, sighash);
    }
    return n;
  }

  private int signTaproot(InputContext c, TxOut prevout, int sighash) throws SigningRefusedException {
    List<TxOut> allSpent = TaprootKeyPathSighash.spentOutputs(c.psbt, c.index);
    XonlyPublicKey outputKey = new XonlyPublicKey(new ByteVector32(java.util.Arrays.copyOfRange(prevout.publicKeyScript.toByteArray(), 2, 34)));
    int n = 0;
    for (Map.Entry<XonlyPublicKey, TapKeyOrigin> e : c.input.tapBip32Derivations().entrySet()) {
      if (e.getValue().origin().masterFingerprint() != c.keys.masterFingerprint()) {
        continue;
      }
      XonlyPublicKey key = e.getKey();
      KeyOrigin origin = e.getValue().origin();
      if (e.getValue().leafHashes().isEmpty() || c.input.tapInternalKey().map(key::equals).orElse(false)) {
        n += signKeyPath(c, allSpent, outputKey, key, origin, sighash);
      }
      for (ByteVector32 leafHash : e.getValue().leafHashes()) {
        n += signLeaf(c, allSpent, outputKey, key, origin, leafHash, sighash);
      }
    }
    return n;
  }

  private int signKeyPath(InputContext c, List<TxOut> allSpent, XonlyPublicKey outputKey, XonlyPublicKey key, KeyOrigin origin, int sighash) {
    if (!c.input.tapInternalKey().map(key::equals).orElse(false)) {
      c.notes.add("x-only key " + key.value.toHex() + " has no leaf hashes but is not PSBT_IN_TAP_INTERNAL_KEY");
      return 0;
    }
    if (!Taproot.outputKey(key, c.input.tapMerkleRoot()).equals(outputKey)) {
      c.notes.add("internal key and merkle root do not tweak to the spent output key");
      return 0;
    }
    byte[] digest = TaprootKeyPathSighash.digest(c.tx, c.index, allSpent, sighash);
    Optional<byte[]> sig = c.keys.withPrivateKey(origin.path(), (pub, priv) -> pub.xOnly().equals(key)
        ? Optional.of(Schnorr.signKeyPath(digest, priv, key, c.input.tapMerkleRoot(), random))
        : Optional.empty());
    if (sig.isEmpty()) {
      c.notes.add(c.derivationMismatch(key.value.toHex(), origin));
      return 0;
    }
    c.input = c.input.withTapKeySig(schnorrWithSighash(sig.get(), sighash));
    return 1;
  }

  private int signLeaf(InputContext c, List<TxOut> allSpent, XonlyPublicKey outputKey, XonlyPublicKey key, KeyOrigin origin, ByteVector32 leafHash, int sighash) {
    Optional<TapLeafScript> leaf = c.input.tapLeafScripts().stream()
        .filter(l -> Taproot.leafHash(l.leafVersion(), l.script()).equals(leafHash))
        .findFirst();
    if (leaf.isEmpty()) {
      c.notes.add("no PSBT_IN_TAP_LEAF_SCRIPT for leaf " + leafHash.toHex());
      return 0;
    }
    if (!Taproot.outputKeyOf(leaf.get()).map(outputKey::equals).orElse(false)) {
      c.notes.add("control block of leaf " + leafHash.toHex() + " does not commit to the spent output key");
      return 0;
    }
    if (leaf.get().leafVersion() != 0xc0 || !Taproot.scriptPushesKey(leaf.get().script(), key)) {
      c.notes.add("leaf " + leafHash.toHex() + " is not a tapscript that uses key " + key.value.toHex());
      return 0;
    }
    ByteVector32 digest = c.tx.hashForSigningTaprootScriptPath(c.index, allSpent, sighash, leafHash, null);
    Optional<byte[]> sig = c.keys.withPrivateKey(origin.path(), (pub, priv) -> pub.xOnly().equals(key)
        ? Optional.of(Schnorr.sign(digest.toByteArray(), priv, random))
        : Optional.empty());
    if (sig.isEmpty()) {
      c.notes.add(c.derivationMismatch(key.value.toHex(), origin));
      return 0;
    }
    c.input = c.input.withTapScriptSig(new TapScriptSigKey(key, leafHash), schnorrWithSighash(sig.get(), sighash));
    return 1;
  }

  private static ByteVector schnorrWithSighash(byte[] sig64, int sighash) {
    return new ByteVector(sighash == SigningOptions.SIGHASH_DEFAULT ? sig64 : append(sig64, (byte) sighash));
  }

  private static ByteVector scriptBytes(List<? extends fr.acinq.bitcoin.ScriptElt> script) {
    return new ByteVector(Script.write(script));
  }

  private static byte[] append(byte[] a, byte b) {
    byte[] r = Arrays.copyOf(a, a.length + 1);
    r[a.length] = b;
    return r;
  }

  /** Mutable scratch state while one input is signed. */
  private static final class InputContext {
    final Psbt psbt;
    final int index;
    final Transaction tx;
    final List<Optional<TxOut>> spent;
    final SigningKeys keys;
    final List<String> notes = new ArrayList<>();
    PsbtInput input;

    InputContext(Psbt psbt, int index, PsbtInput input, Transaction tx, List<Optional<TxOut>> spent, SigningKeys keys) {
      this.psbt = psbt;
      this.index = index;
      this.input = input;
      this.tx = tx;
      this.spent = spent;
      this.keys = keys;
    }

    List<Map.Entry<PublicKey, KeyOrigin>> ourEcdsaKeys() {
      return input.bip32Derivations().entrySet().stream()
          .filter(e -> e.getValue().masterFingerprint() == keys.masterFingerprint())
          .toList();
    }

    int addEcdsaSignature(KeyOrigin origin, PublicKey key, byte[] digest, int sighash) {
      Optional<byte[]> der = keys.withPrivateKey(origin.path(), (pub, priv) -> pub.equals(key)
          ? Optional.of(Ecdsa.signDer(digest, priv))
          : Optional.empty());
      if (der.isEmpty()) {
        notes.add(derivationMismatch(key.toHex(), origin));
        return 0;
      }
      input = input.withPartialSig(key, new ByteVector(append(der.get(), (byte) sighash)));
      return 1;
    }

    String derivationMismatch(String keyHex, KeyOrigin origin) {
      return "derivation " + origin + " carries our fingerprint but does not derive key " + keyHex + ": not signed";
    }

    SigningRefusedException refuse(String why) {
      return new SigningRefusedException("input " + index + ": " + why);
    }

    InputSigning report(ScriptType type, InputSigning.Status status) {
      return report(type, status, 0);
    }

    InputSigning report(ScriptType type, InputSigning.Status status, int signatures) {
      return new InputSigning(index, type, signatures, status, notes);
    }
  }
}
