package dev.custos.core.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Whole signing sessions with dealt and DKG keys, judged by libsecp256k1's BIP340
 * {@code verifySchnorr} and bitcoin-kmp's taproot output keys (not by our code), plus the
 * refusals a cosigner and a coordinator rely on: nonce reuse, a changed commitment, a share for
 * another message, a tampered share, a wrong repair.
 */
class FrostRoundTripTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Frost TR = new Frost(ZfSecp256k1Taproot.INSTANCE);

  private static List<Identifier> ids(int... is) {
    return IntStream.of(is).mapToObj(Identifier::of).toList();
  }

  private static byte[] random32() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Runs both rounds for {@code signers} and aggregates. */
  static FrostSignature sign(Frost frost, Map<Identifier, KeyPackage> keys, PublicKeyPackage publicKeys, List<Identifier> signers,
      byte[] message) throws FrostException {
    Map<Identifier, SigningNonces> nonces = new HashMap<>();
    List<SigningCommitments> commitments = new ArrayList<>();
    for (Identifier id : signers) {
      SigningNonces n = frost.commit(keys.get(id), RANDOM);
      nonces.put(id, n);
      commitments.add(n.commitments());
    }
    SigningPackage pkg = new SigningPackage(commitments, message);
    List<SignatureShare> shares = new ArrayList<>();
    for (Identifier id : signers) {
      shares.add(frost.sign(pkg, nonces.get(id), keys.get(id)));
    }
    return frost.aggregate(pkg, shares, publicKeys);
  }

  @Test
  void taprootSignaturesVerifyWithLibsecp256k1ForBothParitiesOfKeyAndNonce() throws FrostException {
    boolean[][] seen = new boolean[2][2];
    // Each parity pair turns up with probability 1/4 per round: sign until all four were seen
    // (400 rounds leave a miss at about 1e-49), instead of a fixed 24 rounds that missed one in
    // about 250 runs.
    for (int round = 0; round < 400 && !(seen[0][0] && seen[0][1] && seen[1][0] && seen[1][1]); round++) {
      TrustedDealer.Dealt dealt = TrustedDealer.deal(2, ids(1, 2, 3), RANDOM);
      byte[] msg = random32();
      FrostSignature sig = sign(TR, dealt.keys(), dealt.publicKeys(), ids(1, 3), msg);
      assertThat(IndependentSchnorrCheck.bip340(sig.encode(), msg, dealt.publicKeys().groupKey().xOnly())).isTrue();
      assertThat(IndependentSchnorrCheck.bip340(sig.encode(), random32(), dealt.publicKeys().groupKey().xOnly())).isFalse();
      seen[dealt.publicKeys().groupKey().hasEvenY() ? 0 : 1][sig.groupCommitment().hasEvenY() ? 0 : 1] = true;
    }
    assertThat(seen).as("odd/even group key x odd/even group commitment all exercised").isEqualTo(new boolean[][] {{true, true}, {true, true}});
  }

  @Test
  void tweakedKeysSignForTheBitcoinKmpOutputKey() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(3, ids(1, 2, 3, 4, 5), RANDOM);
    XonlyPublicKey internal = new XonlyPublicKey(new ByteVector32(dealt.publicKeys().groupKey().xOnly()));
    byte[] root = random32();
    Map<TaprootTweak, XonlyPublicKey> expected = Map.of(
        TaprootTweak.keyPathOnly(), internal.outputKey(Crypto.TaprootTweak.KeyPathTweak.INSTANCE).getFirst(),
        new TaprootTweak(root), internal.outputKey(new Crypto.TaprootTweak.ScriptPathTweak(new ByteVector32(root))).getFirst());
    for (var e : expected.entrySet()) {
      TaprootTweak tweak = e.getKey();
      Map<Identifier, KeyPackage> tweaked = new HashMap<>();
      for (var k : dealt.keys().entrySet()) {
        tweaked.put(k.getKey(), tweak.applyTo(k.getValue()));
      }
      PublicKeyPackage publicKeys = tweak.applyTo(dealt.publicKeys());
      assertThat(publicKeys.groupKey().xOnly()).isEqualTo(e.getValue().value.toByteArray());
      assertThat(tweak.outputKey(dealt.publicKeys().groupKey())).isEqualTo(publicKeys.groupKey());
      byte[] msg = random32();
      FrostSignature sig = sign(TR, tweaked, publicKeys, ids(2, 4, 5), msg);
      assertThat(IndependentSchnorrCheck.bip340(sig.encode(), msg, e.getValue().value.toByteArray())).isTrue();
    }
  }

  @Test
  void rfc9591SignaturesSatisfyTheSchnorrEquationInLibsecp256k1() throws FrostException {
    Frost rfc = new Frost(Rfc9591Secp256k1.INSTANCE);
    TrustedDealer.Dealt dealt = TrustedDealer.deal(3, ids(1, 2, 3, 4, 5), RANDOM);
    byte[] msg = "any length message".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] sig = sign(rfc, dealt.keys(), dealt.publicKeys(), ids(5, 1, 3), msg).encode();
    byte[] r = java.util.Arrays.copyOfRange(sig, 0, 33);
    Scalar c = HashToField.toPublicScalar("FROST-secp256k1-SHA256-v1chal", r, dealt.publicKeys().groupKey().encode(), msg);
    assertThat(IndependentSchnorrCheck.equation(r, java.util.Arrays.copyOfRange(sig, 33, 65), dealt.publicKeys().groupKey().encode(), c.value()))
        .isTrue();
  }

  @Test
  void largeIdentifiersWork() throws FrostException {
    List<Identifier> big = new ArrayList<>();
    while (big.size() < 3) {
      try {
        big.add(Identifier.decode(random32()));
      } catch (FrostException notBelowN) {
        // rejection sampling
      }
    }
    TrustedDealer.Dealt dealt = TrustedDealer.deal(2, big, RANDOM);
    byte[] msg = random32();
    FrostSignature sig = sign(TR, dealt.keys(), dealt.publicKeys(), big.subList(1, 3), msg);
    assertThat(IndependentSchnorrCheck.bip340(sig.encode(), msg, dealt.publicKeys().groupKey().xOnly())).isTrue();
  }

  @Test
  void dkgKeysWithTheUnspendableTweakSign() throws FrostException {
    Dkg dkg = new Dkg(ZfSecp256k1Taproot.INSTANCE);
    List<Identifier> all = ids(1, 2, 3);
    Map<Identifier, Dkg.Round1> r1 = new HashMap<>();
    for (Identifier id : all) {
      r1.put(id, dkg.part1(id, 3, 2, RANDOM));
    }
    Map<Identifier, Dkg.Round2> r2 = new HashMap<>();
    for (Identifier id : all) {
      Map<Identifier, Dkg.Round1Package> others = new HashMap<>();
      r1.forEach((o, r) -> { if (!o.equals(id)) others.put(o, r.broadcast()); });
      r2.put(id, dkg.part2(r1.get(id).secret(), others));
    }
    Map<Identifier, KeyPackage> keys = new HashMap<>();
    PublicKeyPackage publicKeys = null;
    for (Identifier id : all) {
      Map<Identifier, Dkg.Round1Package> others = new HashMap<>();
      Map<Identifier, SigningShare> received = new HashMap<>();
      for (Identifier o : all) {
        if (!o.equals(id)) {
          others.put(o, r1.get(o).broadcast());
          received.put(o, r2.get(o).sharesToSend().get(id));
        }
      }
      Dkg.Result result = dkg.part3(r2.get(id).secret(), others, received);
      keys.put(id, TaprootTweak.keyPathOnly().applyTo(result.keyPackage()));
      PublicKeyPackage tweaked = TaprootTweak.keyPathOnly().applyTo(result.publicKeyPackage());
      if (publicKeys != null) {
        assertThat(tweaked).isEqualTo(publicKeys);
      }
      publicKeys = tweaked;
    }
    byte[] msg = random32();
    FrostSignature sig = sign(TR, keys, publicKeys, ids(3, 2), msg);
    assertThat(IndependentSchnorrCheck.bip340(sig.encode(), msg, publicKeys.groupKey().xOnly())).isTrue();
  }

  @Test
  void noncesAreConsumedBySigningAndRefusedTheSecondTime() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(2, ids(1, 2), RANDOM);
    KeyPackage k1 = dealt.keys().get(Identifier.of(1));
    SigningNonces n1 = TR.commit(k1, RANDOM);
    SigningNonces n2 = TR.commit(dealt.keys().get(Identifier.of(2)), RANDOM);
    SigningPackage pkg = new SigningPackage(List.of(n1.commitments(), n2.commitments()), random32());
    SigningNonces restored;
    try (SecretBytes persisted = n1.toSecretBytes()) {
      restored = SigningNonces.fromSecretBytes(Identifier.of(1), persisted);
    }
    assertThat(restored.commitments()).isEqualTo(n1.commitments());
    SignatureShare first = TR.sign(pkg, n1, k1);
    assertThat(n1.isConsumed()).isTrue();
    assertThatThrownBy(() -> TR.sign(pkg, n1, k1))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.NONCE_REUSED));
    assertThat(TR.sign(pkg, restored, k1)).as("restored nonces are the same nonces").isEqualTo(first);
  }

  @Test
  void aSignerRefusesAPackageWithAnAlteredOwnCommitmentAndBurnsTheNonces() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(2, ids(1, 2), RANDOM);
    KeyPackage k1 = dealt.keys().get(Identifier.of(1));
    SigningNonces n1 = TR.commit(k1, RANDOM);
    SigningNonces other = TR.commit(k1, RANDOM);
    SigningNonces n2 = TR.commit(dealt.keys().get(Identifier.of(2)), RANDOM);
    SigningCommitments altered = new SigningCommitments(Identifier.of(1), n1.commitments().hiding(), other.commitments().binding());
    SigningPackage pkg = new SigningPackage(List.of(altered, n2.commitments()), random32());
    assertThatThrownBy(() -> TR.sign(pkg, n1, k1))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PARTICIPANTS));
    assertThat(n1.isConsumed()).isTrue();
  }

  @Test
  void theAggregatorNamesTheSignerOfAWrongShare() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(2, ids(1, 2, 3), RANDOM);
    Map<Identifier, SigningNonces> nonces = new HashMap<>();
    for (Identifier id : ids(1, 2)) {
      nonces.put(id, TR.commit(dealt.keys().get(id), RANDOM));
    }
    List<SigningCommitments> commitments = List.of(nonces.get(Identifier.of(1)).commitments(), nonces.get(Identifier.of(2)).commitments());
    SigningPackage pkg = new SigningPackage(commitments, random32());
    SigningPackage otherMessage = new SigningPackage(commitments, random32());
    SignatureShare s1 = TR.sign(pkg, nonces.get(Identifier.of(1)), dealt.keys().get(Identifier.of(1)));
    SignatureShare s2 = TR.sign(otherMessage, nonces.get(Identifier.of(2)), dealt.keys().get(Identifier.of(2)));
    assertThatThrownBy(() -> TR.aggregate(pkg, List.of(s1, s2), dealt.publicKeys()))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SIGNATURE_SHARE);
          assertThat(e.culprit()).contains(Identifier.of(2));
        });
    SignatureShare tampered = new SignatureShare(Identifier.of(1), s1.z().add(Scalar.ONE));
    assertThatThrownBy(() -> TR.verifySignatureShare(pkg, tampered, dealt.publicKeys()))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.culprit()).contains(Identifier.of(1)));
    assertThatThrownBy(() -> TR.aggregate(pkg, List.of(s1), dealt.publicKeys()))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PARTICIPANTS));
  }

  @Test
  void threeHelpersRepairALostShareAndAWrongSigmaIsRefused() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(3, ids(1, 2, 3, 4, 5), RANDOM);
    List<Identifier> helpers = ids(1, 4, 5);
    Identifier lost = Identifier.of(2);
    Map<Identifier, List<SecretBytes>> inbox = new HashMap<>();
    for (Identifier h : helpers) {
      RepairableShare.helperDeltas(helpers, dealt.keys().get(h), lost, RANDOM)
          .forEach((to, delta) -> inbox.computeIfAbsent(to, x -> new ArrayList<>()).add(delta));
    }
    List<SecretBytes> sigmas = new ArrayList<>();
    for (Identifier h : helpers) {
      sigmas.add(RepairableShare.sigma(inbox.get(h)));
    }
    KeyPackage repaired = RepairableShare.repairedKey(sigmas, lost, dealt.publicKeys(), 3);
    try (SecretBytes got = repaired.signingShare().toSecretBytes();
        SecretBytes original = dealt.keys().get(lost).signingShare().toSecretBytes()) {
      assertThat(got.equalsConstantTime(original)).isTrue();
    }
    List<SecretBytes> wrong = List.of(sigmas.get(0), sigmas.get(1));
    assertThatThrownBy(() -> RepairableShare.repairedKey(wrong, lost, dealt.publicKeys(), 3))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SECRET_SHARE));
    assertThatThrownBy(() -> RepairableShare.helperDeltas(ids(1, 4), dealt.keys().get(Identifier.of(1)), lost, RANDOM))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PARTICIPANTS));
  }

  @Test
  void secretsNeverPrint() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(2, ids(1, 2), RANDOM);
    KeyPackage k = dealt.keys().get(Identifier.of(1));
    SigningNonces n = TR.commit(k, RANDOM);
    String hex;
    try (SecretBytes s = k.signingShare().toSecretBytes()) {
      hex = java.util.HexFormat.of().formatHex(s.copy());
    }
    assertThat(k.toString()).contains("<secret>").doesNotContain(hex);
    assertThat(n.toString()).contains("<secret>");
  }
}
