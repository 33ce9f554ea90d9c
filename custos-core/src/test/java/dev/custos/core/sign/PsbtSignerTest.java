package dev.custos.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.TapKeyOrigin;
import dev.custos.core.psbt.TapLeafScript;
import dev.custos.core.testkit.IndependentCheck;
import dev.custos.core.testkit.IndependentCheck.Template;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OP_CHECKSIG;
import fr.acinq.bitcoin.OP_PUSHDATA;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptTree;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signs PSBTs for every supported script type and has bitcoin-kmp's script interpreter (not our
 * code) verify the resulting transactions; then checks each safety rule with a one-change PSBT.
 */
class PsbtSignerTest {
  private static final Network NET = Network.REGTEST;
  private static ExtendedPrivateKey master;
  private static ExtendedPrivateKey stranger;
  private final Random random = new Random(42);
  private final PsbtSigner signer = new PsbtSigner(SigningOptions.DEFAULTS, new SecureRandom());

  @BeforeAll
  static void keys() {
    master = TestWallets.master(TestWallets.ABANDON);
    stranger = TestWallets.master(TestWallets.ZOO);
  }

  @AfterAll
  static void close() {
    master.close();
    stranger.close();
  }

  private static Account account(ExtendedPrivateKey m, AccountType type) {
    return Account.derive(m, type, NET, 0);
  }

  private static KeyOrigin origin(ExtendedPrivateKey m, Account a, int branch, long index) {
    return new KeyOrigin(m.fingerprint(), a.accountPath().child(branch).child(index));
  }

  /** One single-key input of {@code type}, paying 1 BTC, with change back to the same account. */
  private record Case(Psbt psbt, List<Transaction> prevs, List<Template> templates) {}

  private Case singleKey(AccountType type, boolean withNonWitnessUtxo) {
    Account a = account(master, type);
    PublicKey key = a.publicKey(0, 3);
    KeyOrigin origin = origin(master, a, 0, 3);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(100_000_000, a.scriptPubKey(0, 3))));
    InputBuilder in = new InputBuilder().witnessUtxo(prev.txOut.get(0));
    if (withNonWitnessUtxo || type == AccountType.BIP44) {
      in.nonWitnessUtxo(prev);
    }
    Template t = switch (type) {
      case BIP44 -> Template.P2PKH;
      case BIP49 -> Template.P2SH_P2WPKH;
      case BIP84 -> Template.P2WPKH;
      case BIP86 -> Template.P2TR_KEY;
    };
    switch (type) {
      case BIP49 -> in.redeemScript(new ByteVector(Script.write(Script.pay2wpkh(key)))).derivation(key, origin);
      case BIP86 -> in.internalKey(key.xOnly()).tapDerivation(key.xOnly(), new TapKeyOrigin(List.of(), origin));
      default -> in.derivation(key, origin);
    }
    PublicKey change = a.publicKey(1, 0);
    var changeMap = type == AccountType.BIP86
        ? PsbtFactory.taprootOutput(change.xOnly(), origin(master, a, 1, 0))
        : PsbtFactory.derivedOutput(change, origin(master, a, 1, 0));
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in.build()),
        List.of(TestWallets.out(60_000_000, external()), TestWallets.out(39_990_000, a.scriptPubKey(1, 0))),
        List.of(PsbtFactory.plainOutput(), changeMap));
    return new Case(psbt, List.of(prev), List.of(t));
  }

  private ByteVector external() {
    Account s = account(stranger, AccountType.BIP84);
    return s.scriptPubKey(0, random.nextInt(1000));
  }

  /** Serializes, re-parses (as a file would be), signs, serializes again, re-parses. */
  private Psbt signViaBytes(Psbt psbt) throws Exception {
    Psbt parsed = PsbtCodec.parse(PsbtCodec.serialize(psbt));
    SigningResult r = signer.sign(parsed, new HdSigningKeys(master));
    return PsbtCodec.parse(PsbtCodec.serialize(r.psbt()));
  }

  @ParameterizedTest
  @EnumSource(AccountType.class)
  void singleKeyAccountsProduceTransactionsTheInterpreterAccepts(AccountType type) throws Exception {
    Case c = singleKey(type, true);
    Psbt signed = signViaBytes(c.psbt());
    Transaction tx = IndependentCheck.finalizeAndVerify(signed, c.templates(), c.prevs());
    assertThat(tx.txIn).hasSize(1);
    // The signed PSBT is also readable by bitcoin-kmp's own, independent PSBT parser.
    assertThat(fr.acinq.bitcoin.psbt.Psbt.read(PsbtCodec.serialize(signed)).isRight()).isTrue();
  }

  @Test
  void interpreterRejectsASignatureOverADifferentTransaction() throws Exception {
    Case c = singleKey(AccountType.BIP84, true);
    Psbt signed = signViaBytes(c.psbt());
    // Move the signature to a PSBT whose outputs differ by one satoshi: it must no longer verify,
    // which shows the check above can fail.
    Transaction tx = c.psbt().unsignedTransaction();
    Psbt other = PsbtFactory.v0(c.prevs(), List.of(0), signed.inputs(),
        List.of(tx.txOut.get(0), TestWallets.out(tx.txOut.get(1).amount.toLong() - 1, tx.txOut.get(1).publicKeyScript)),
        c.psbt().outputs());
    assertThatThrownBy(() -> IndependentCheck.finalizeAndVerify(other, c.templates(), c.prevs()))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void ecdsaSignaturesAreLowRLowSAndVerifyWithLibsecp256k1() throws Exception {
    for (int n = 0; n < 40; n++) {
      Case c = singleKey(AccountType.BIP84, true);
      Psbt signed = signViaBytes(c.psbt());
      var e = signed.inputs().get(0).partialSigs().entrySet().iterator().next();
      byte[] der = e.getValue().toByteArray();
      assertThat(der[der.length - 1]).isEqualTo((byte) 1);
      byte[] sigDer = Arrays.copyOf(der, der.length - 1);
      assertThat(sigDer.length).isLessThanOrEqualTo(70 + 1); // low-R: at most 71 bytes
      byte[] compact = Secp256k1.Companion.get().der2compact(sigDer);
      assertThat(compact[0] & 0x80).as("low R").isZero();
      assertThat(Crypto.isLowDERSignature(sigDer)).as("low S").isTrue();
      Transaction tx = c.psbt().unsignedTransaction();
      byte[] digest = tx.hashForSigning(0, Script.write(Script.pay2pkh(e.getKey())), 1,
          c.prevs().get(0).txOut.get(0).amount, fr.acinq.bitcoin.SigVersion.SIGVERSION_WITNESS_V0);
      assertThat(Secp256k1.Companion.get().verify(compact, digest, e.getKey().value.toByteArray())).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(AccountType.class)
  void version2PsbtsAreSignedForTheTransactionBip370Describes(AccountType type) throws Exception {
    Case c = singleKey(type, true);
    Psbt v2 = toVersion2(c.psbt());
    Psbt signed = signViaBytes(v2);
    assertThat(signed.version()).isEqualTo(2);
    IndependentCheck.finalizeAndVerify(signed, c.templates(), c.prevs());
  }

  /** The same transaction as a BIP370 PSBT: per-input outpoints and per-output amounts/scripts. */
  private static Psbt toVersion2(Psbt v0) {
    Transaction tx = v0.unsignedTransaction();
    List<PsbtInput> ins = new ArrayList<>();
    for (int i = 0; i < v0.inputs().size(); i++) {
      PsbtInput in = v0.inputs().get(i);
      var op = tx.txIn.get(i).outPoint;
      ins.add(new PsbtInput(in.nonWitnessUtxo(), in.witnessUtxo(), in.partialSigs(), in.sighashType(),
          in.redeemScript(), in.witnessScript(), in.bip32Derivations(), in.finalScriptSig(), in.finalScriptWitness(),
          java.util.Optional.of(op.txid), java.util.OptionalLong.of(op.index), java.util.OptionalLong.of(tx.txIn.get(i).sequence),
          in.requiredTimeLocktime(), in.requiredHeightLocktime(), in.tapKeySig(), in.tapScriptSigs(), in.tapLeafScripts(),
          in.tapBip32Derivations(), in.tapInternalKey(), in.tapMerkleRoot(), in.other()));
    }
    List<dev.custos.core.psbt.PsbtOutput> outs = new ArrayList<>();
    for (int i = 0; i < v0.outputs().size(); i++) {
      var o = v0.outputs().get(i);
      outs.add(new dev.custos.core.psbt.PsbtOutput(o.redeemScript(), o.witnessScript(), o.bip32Derivations(),
          java.util.OptionalLong.of(tx.txOut.get(i).amount.toLong()), java.util.Optional.of(tx.txOut.get(i).publicKeyScript),
          o.tapInternalKey(), o.tapTree(), o.tapBip32Derivations(), o.other()));
    }
    var g = new dev.custos.core.psbt.PsbtGlobal(java.util.Optional.empty(), java.util.Map.of(), tx.version,
        java.util.OptionalLong.of(tx.lockTime), java.util.OptionalInt.empty(), List.of());
    return new Psbt(2, g, ins, outs);
  }

  @Test
  void ecdsaIsDeterministicRfc6979() throws Exception {
    Case c = singleKey(AccountType.BIP84, true);
    assertThat(signViaBytes(c.psbt()).inputs().get(0).partialSigs())
        .isEqualTo(signViaBytes(c.psbt()).inputs().get(0).partialSigs());
  }

  @Test
  void schnorrUsesFreshAuxiliaryRandomness() throws Exception {
    Case c = singleKey(AccountType.BIP86, true);
    assertThat(signViaBytes(c.psbt()).inputs().get(0).tapKeySig())
        .isNotEqualTo(signViaBytes(c.psbt()).inputs().get(0).tapKeySig());
  }

  @Test
  void p2wshSortedMultisigTwoOfThreeWithACosigner() throws Exception {
    KeyPath path = KeyPath.parse("m/48'/1'/0'/2'/0/7");
    PublicKey ours = pub(master, path);
    PublicKey theirs = pub(stranger, path);
    PublicKey third = PrivateKey.fromHex("0101010101010101010101010101010101010101010101010101010101010101").publicKey();
    List<PublicKey> sorted = new ArrayList<>(List.of(ours, theirs, third));
    sorted.sort((x, y) -> Arrays.compareUnsigned(x.value.toByteArray(), y.value.toByteArray()));
    ByteVector ws = new ByteVector(Script.write(Script.createMultiSigMofN(2, sorted)));
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(50_000_000, new ByteVector(Script.write(Script.pay2wsh(ws))))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0)).witnessScript(ws)
        .derivation(ours, new KeyOrigin(master.fingerprint(), path))
        .derivation(theirs, new KeyOrigin(stranger.fingerprint(), path)).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(49_990_000, external())),
        List.of(PsbtFactory.plainOutput()));

    Psbt once = signer.sign(psbt, new HdSigningKeys(master)).psbt();
    assertThat(once.inputs().get(0).partialSigs()).containsOnlyKeys(ours);
    Psbt twice = signer.sign(once, new HdSigningKeys(stranger)).psbt();
    IndependentCheck.finalizeAndVerify(PsbtCodec.parse(PsbtCodec.serialize(twice)), List.of(Template.P2WSH_MULTI), List.of(prev));
    // One signature is not enough for the interpreter:
    assertThatThrownBy(() -> IndependentCheck.finalizeAndVerify(once, List.of(Template.P2WSH_MULTI), List.of(prev)))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void p2shP2wshMultisig() throws Exception {
    KeyPath path = KeyPath.parse("m/48'/1'/0'/1'/0/0");
    PublicKey ours = pub(master, path);
    PublicKey theirs = pub(stranger, path);
    ByteVector ws = new ByteVector(Script.write(Script.createMultiSigMofN(1, List.of(theirs, ours))));
    ByteVector rs = new ByteVector(Script.write(Script.pay2wsh(ws)));
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(50_000_000, new ByteVector(Script.write(Script.pay2sh(rs.toByteArray()))))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0)).redeemScript(rs).witnessScript(ws)
        .derivation(ours, new KeyOrigin(master.fingerprint(), path)).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(49_990_000, external())),
        List.of(PsbtFactory.plainOutput()));
    IndependentCheck.finalizeAndVerify(signViaBytes(psbt), List.of(Template.P2SH_P2WSH_MULTI), List.of(prev));
  }

  @Test
  void taprootKeyPathWithAScriptTree() throws Exception {
    Account a = account(master, AccountType.BIP86);
    PublicKey internal = a.publicKey(0, 9);
    ScriptTree tree = new ScriptTree.Leaf(List.of(new OP_PUSHDATA(pub(stranger, KeyPath.parse("m/86'/1'/0'/0/0")).xOnly().value), OP_CHECKSIG.INSTANCE));
    ByteVector32 root = tree.hash();
    ByteVector spk = new ByteVector(Script.write(Script.pay2tr(internal.xOnly(), root)));
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(20_000_000, spk)));
    PsbtInput in = new InputBuilder().witnessUtxo(prev.txOut.get(0)).internalKey(internal.xOnly()).merkleRoot(root)
        .tapDerivation(internal.xOnly(), new TapKeyOrigin(List.of(), origin(master, a, 0, 9))).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(19_990_000, external())),
        List.of(PsbtFactory.plainOutput()));
    IndependentCheck.finalizeAndVerify(signViaBytes(psbt), List.of(Template.P2TR_KEY), List.of(prev));
  }

  @Test
  void taprootScriptPathLeafThatNeedsOurKey() throws Exception {
    KeyPath path = KeyPath.parse("m/86'/1'/5'/0/1");
    XonlyPublicKey ourKey = pub(master, path).xOnly();
    XonlyPublicKey internal = pub(stranger, KeyPath.parse("m/86'/1'/0'/0/1")).xOnly();
    ScriptTree.Leaf ourLeaf = new ScriptTree.Leaf(List.of(new OP_PUSHDATA(ourKey.value), OP_CHECKSIG.INSTANCE));
    ScriptTree.Leaf otherLeaf = new ScriptTree.Leaf(List.of(new OP_PUSHDATA(internal.value), OP_CHECKSIG.INSTANCE));
    ScriptTree tree = new ScriptTree.Branch(ourLeaf, otherLeaf);
    var outputKey = internal.outputKey(tree);
    ByteVector spk = new ByteVector(Script.write(Script.pay2tr(internal, tree)));
    byte[] proof = tree.merkleProof(ourLeaf.hash());
    byte[] cb = new byte[33 + proof.length];
    cb[0] = (byte) (0xc0 | (outputKey.getSecond() ? 1 : 0));
    System.arraycopy(internal.value.toByteArray(), 0, cb, 1, 32);
    System.arraycopy(proof, 0, cb, 33, proof.length);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(20_000_000, spk)));
    PsbtInput in = new InputBuilder().witnessUtxo(prev.txOut.get(0))
        .leaf(new TapLeafScript(new ByteVector(cb), ourLeaf.getScript(), 0xc0))
        .tapDerivation(ourKey, new TapKeyOrigin(List.of(ourLeaf.hash()), new KeyOrigin(master.fingerprint(), path))).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(19_990_000, external())),
        List.of(PsbtFactory.plainOutput()));
    Psbt signed = signViaBytes(psbt);
    assertThat(signed.inputs().get(0).tapScriptSigs()).hasSize(1);
    assertThat(signed.inputs().get(0).tapKeySig()).isEmpty();
    IndependentCheck.finalizeAndVerify(signed, List.of(Template.P2TR_SCRIPT), List.of(prev));
  }

  @Test
  void mixedInputsSignOnlyOursAndLeaveOthersByteForByte() throws Exception {
    Case mine = singleKey(AccountType.BIP84, true);
    Account theirs = account(stranger, AccountType.BIP84);
    Transaction prev2 = TestWallets.funding(random, List.of(TestWallets.out(7_000, theirs.scriptPubKey(0, 0))));
    PsbtInput foreign = new InputBuilder().witnessUtxo(prev2.txOut.get(0)).nonWitnessUtxo(prev2)
        .derivation(theirs.publicKey(0, 0), origin(stranger, theirs, 0, 0)).build();
    Psbt psbt = PsbtFactory.v0(List.of(mine.prevs().get(0), prev2), List.of(0, 0),
        List.of(mine.psbt().inputs().get(0), foreign), mine.psbt().unsignedTransaction().txOut,
        mine.psbt().outputs());
    SigningResult r = signer.sign(psbt, new HdSigningKeys(master));
    assertThat(r.inputs().get(0).status()).isEqualTo(InputSigning.Status.SIGNED);
    assertThat(r.inputs().get(1).status()).isEqualTo(InputSigning.Status.NOT_OURS);
    assertThat(r.psbt().inputs().get(1)).isEqualTo(foreign);
  }

  @Test
  void derivationThatDoesNotDeriveTheClaimedKeyIsNotSigned() throws Exception {
    Account a = account(master, AccountType.BIP84);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(1_000_000, a.scriptPubKey(0, 3))));
    // Claims our fingerprint, but the path points at index 4 while the key is index 3.
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0))
        .derivation(a.publicKey(0, 3), origin(master, a, 0, 4)).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(990_000, external())),
        List.of(PsbtFactory.plainOutput()));
    SigningResult r = signer.sign(psbt, new HdSigningKeys(master));
    assertThat(r.signatureCount()).isZero();
    assertThat(r.warnings()).anyMatch(w -> w.contains("does not derive key"));
  }

  @Test
  void keyOfAnotherScriptTypeIsNotSignedIntoThisOutput() throws Exception {
    Account a = account(master, AccountType.BIP84);
    Account legacy = account(master, AccountType.BIP44);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(1_000_000, a.scriptPubKey(0, 3))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0))
        .derivation(legacy.publicKey(0, 3), origin(master, legacy, 0, 3)).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(990_000, external())),
        List.of(PsbtFactory.plainOutput()));
    assertThat(signer.sign(psbt, new HdSigningKeys(master)).signatureCount()).isZero();
  }

  @Test
  void sighashOtherThanAllIsRefused() {
    Case c = singleKey(AccountType.BIP84, true);
    PsbtInput in = c.psbt().inputs().get(0);
    PsbtInput none = new InputBuilderFrom(in).sighash(0x82);
    Psbt psbt = c.psbt().withInput(0, none);
    assertThatThrownBy(() -> signer.sign(psbt, new HdSigningKeys(master)))
        .isInstanceOf(SigningRefusedException.class)
        .hasMessageContaining("input 0").hasMessageContaining("0x82");
  }

  @Test
  void sighashAllOnTaprootIsAcceptedAndVerifies() throws Exception {
    Case c = singleKey(AccountType.BIP86, true);
    Psbt psbt = c.psbt().withInput(0, new InputBuilderFrom(c.psbt().inputs().get(0)).sighash(1));
    Psbt signed = signViaBytes(psbt);
    assertThat(signed.inputs().get(0).tapKeySig().orElseThrow().size()).isEqualTo(65);
    IndependentCheck.finalizeAndVerify(signed, c.templates(), c.prevs());
  }

  @Test
  void sighashDefaultOnSegwitV0IsRefused() {
    Case c = singleKey(AccountType.BIP84, true);
    Psbt psbt = c.psbt().withInput(0, new InputBuilderFrom(c.psbt().inputs().get(0)).sighash(0));
    assertThatThrownBy(() -> signer.sign(psbt, new HdSigningKeys(master)))
        .isInstanceOf(SigningRefusedException.class).hasMessageContaining("taproot");
  }

  @Test
  void witnessUtxoThatDisagreesWithThePreviousTransactionIsRefused() {
    Case c = singleKey(AccountType.BIP84, true);
    PsbtInput in = c.psbt().inputs().get(0);
    TxOut lie = TestWallets.out(1_000, in.witnessUtxo().orElseThrow().publicKeyScript);
    PsbtInput tampered = new PsbtInput(in.nonWitnessUtxo(), java.util.Optional.of(lie), in.partialSigs(), in.sighashType(),
        in.redeemScript(), in.witnessScript(), in.bip32Derivations(), in.finalScriptSig(), in.finalScriptWitness(),
        in.previousTxid(), in.outputIndex(), in.sequence(), in.requiredTimeLocktime(), in.requiredHeightLocktime(),
        in.tapKeySig(), in.tapScriptSigs(), in.tapLeafScripts(), in.tapBip32Derivations(), in.tapInternalKey(),
        in.tapMerkleRoot(), in.other());
    assertThatThrownBy(() -> signer.sign(c.psbt().withInput(0, tampered), new HdSigningKeys(master)))
        .isInstanceOf(SigningRefusedException.class).hasMessageContaining("disagrees");
  }

  @Test
  void segwitV0WithoutPreviousTransactionIsSignedButFlagged() throws Exception {
    Case c = singleKey(AccountType.BIP84, false);
    SigningResult r = signer.sign(c.psbt(), new HdSigningKeys(master));
    assertThat(r.signatureCount()).isEqualTo(1);
    assertThat(r.warnings()).anyMatch(w -> w.contains("segwit fee attack"));
  }

  @Test
  void p2pkhWithoutPreviousTransactionIsRefused() {
    Case c = singleKey(AccountType.BIP44, true);
    PsbtInput in = c.psbt().inputs().get(0);
    PsbtInput stripped = new PsbtInput(java.util.Optional.empty(), in.witnessUtxo(), in.partialSigs(), in.sighashType(),
        in.redeemScript(), in.witnessScript(), in.bip32Derivations(), in.finalScriptSig(), in.finalScriptWitness(),
        in.previousTxid(), in.outputIndex(), in.sequence(), in.requiredTimeLocktime(), in.requiredHeightLocktime(),
        in.tapKeySig(), in.tapScriptSigs(), in.tapLeafScripts(), in.tapBip32Derivations(), in.tapInternalKey(),
        in.tapMerkleRoot(), in.other());
    assertThatThrownBy(() -> signer.sign(c.psbt().withInput(0, stripped), new HdSigningKeys(master)))
        .isInstanceOf(SigningRefusedException.class).hasMessageContaining("NON_WITNESS_UTXO");
  }

  @Test
  void taprootNeedsEveryPrevout() {
    Case c = singleKey(AccountType.BIP86, true);
    Transaction prev2 = TestWallets.funding(random, List.of(TestWallets.out(7_000, external())));
    PsbtInput unknown = new InputBuilder().build();
    Psbt psbt = PsbtFactory.v0(List.of(c.prevs().get(0), prev2), List.of(0, 0),
        List.of(c.psbt().inputs().get(0), unknown), c.psbt().unsignedTransaction().txOut, c.psbt().outputs());
    assertThatThrownBy(() -> signer.sign(psbt, new HdSigningKeys(master)))
        .isInstanceOf(SigningRefusedException.class).hasMessageContaining("every spent output");
  }

  @Test
  void taprootControlBlockNotCommittingToTheOutputIsNotSigned() throws Exception {
    KeyPath path = KeyPath.parse("m/86'/1'/5'/0/1");
    XonlyPublicKey ourKey = pub(master, path).xOnly();
    ScriptTree.Leaf ourLeaf = new ScriptTree.Leaf(List.of(new OP_PUSHDATA(ourKey.value), OP_CHECKSIG.INSTANCE));
    XonlyPublicKey internal = pub(stranger, KeyPath.parse("m/86'/1'/0'/0/1")).xOnly();
    ByteVector spk = new ByteVector(Script.write(Script.pay2tr(internal, (ScriptTree) ourLeaf)));
    byte[] cb = new byte[33];
    cb[0] = (byte) 0xc0;
    System.arraycopy(ourKey.value.toByteArray(), 0, cb, 1, 32); // wrong internal key
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(20_000_000, spk)));
    PsbtInput in = new InputBuilder().witnessUtxo(prev.txOut.get(0))
        .leaf(new TapLeafScript(new ByteVector(cb), ourLeaf.getScript(), 0xc0))
        .tapDerivation(ourKey, new TapKeyOrigin(List.of(ourLeaf.hash()), new KeyOrigin(master.fingerprint(), path))).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(19_990_000, external())),
        List.of(PsbtFactory.plainOutput()));
    SigningResult r = signer.sign(psbt, new HdSigningKeys(master));
    assertThat(r.signatureCount()).isZero();
    assertThat(r.warnings()).anyMatch(w -> w.contains("does not commit"));
  }

  private static PublicKey pub(ExtendedPrivateKey m, KeyPath path) {
    try (ExtendedPrivateKey k = m.derive(path)) {
      return k.publicKey();
    }
  }

  /** Copies an input with a different sighash type. */
  private static final class InputBuilderFrom {
    private final PsbtInput in;

    InputBuilderFrom(PsbtInput in) {
      this.in = in;
    }

    PsbtInput sighash(int type) {
      return new PsbtInput(in.nonWitnessUtxo(), in.witnessUtxo(), in.partialSigs(), java.util.OptionalInt.of(type),
          in.redeemScript(), in.witnessScript(), in.bip32Derivations(), in.finalScriptSig(), in.finalScriptWitness(),
          in.previousTxid(), in.outputIndex(), in.sequence(), in.requiredTimeLocktime(), in.requiredHeightLocktime(),
          in.tapKeySig(), in.tapScriptSigs(), in.tapLeafScripts(), in.tapBip32Derivations(), in.tapInternalKey(),
          in.tapMerkleRoot(), in.other());
    }
  }
}
