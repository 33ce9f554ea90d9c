package dev.custos.core.frost;

import static dev.custos.core.frost.NoblePeer.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Interoperability with an independently written FROST: participant 2 of a 2-of-3 key is
 * @noble/curves {@code schnorr_FROST} (2.4.0, pinned in interop/frost/package.json) in a node
 * process; participants 1 and 3 are this engine. Together they run the DKG, then sign: once
 * coordinated by this engine, once aggregated by noble. Every final signature is checked by
 * libsecp256k1's {@code verifySchnorr} against the output key, which is also compared with
 * bitcoin-kmp's BIP86 output key of the internal key.
 *
 * <p>Runs only when {@code CUSTOS_FROST_PEER} names peer.mjs with its packages installed:
 * {@code interop/frost/run.sh} (and so {@code scripts/test}) sets it.
 */
@EnabledIfEnvironmentVariable(named = "CUSTOS_FROST_PEER", matches = ".+")
class NobleFrostInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Frost FROST = new Frost(ZfSecp256k1Taproot.INSTANCE);
  private static final Dkg DKG = new Dkg(ZfSecp256k1Taproot.INSTANCE);
  private static final Identifier ONE = Identifier.of(1);
  private static final Identifier NOBLE = Identifier.of(2);
  private static final Identifier THREE = Identifier.of(3);

  private static NoblePeer noble;
  private static Map<Identifier, KeyPackage> keys;
  private static PublicKeyPackage publicKeys;
  private static GroupElement internalKey;
  private static List<String> nobleDkgResult;

  @BeforeAll
  static void distributedKeyGeneration() throws Exception {
    noble = new NoblePeer(Path.of(System.getenv("CUSTOS_FROST_PEER")));
    Map<Identifier, Dkg.Round1> round1 = new TreeMap<>();
    for (Identifier id : List.of(ONE, THREE)) {
      round1.put(id, DKG.part1(id, 3, 2, RANDOM));
    }
    List<String> nobleRound1 = noble.call("dkg1", NOBLE.encode(), 2, 3);
    Map<Identifier, Dkg.Round1Package> broadcasts = new TreeMap<>();
    round1.forEach((id, r) -> broadcasts.put(id, r.broadcast()));
    broadcasts.put(NOBLE, new Dkg.Round1Package(
        VssCommitment.decode(HEX.parseHex(nobleRound1.get(0))),
        ProofOfKnowledge.decode(ZfSecp256k1Taproot.INSTANCE, HEX.parseHex(nobleRound1.get(1)))));

    Map<Identifier, Dkg.Round2> round2 = new TreeMap<>();
    for (Identifier id : List.of(ONE, THREE)) {
      round2.put(id, DKG.part2(round1.get(id).secret(), othersOf(id, broadcasts)));
    }
    List<Object> toNoble = new ArrayList<>();
    for (Identifier id : List.of(ONE, THREE)) {
      toNoble.add(id.encode());
      toNoble.add(broadcasts.get(id).commitment().encode());
      toNoble.add(broadcasts.get(id).proofOfKnowledge().encode(ZfSecp256k1Taproot.INSTANCE));
    }
    List<String> fromNoble = noble.call("dkg2", toNoble.toArray());
    Map<Identifier, SigningShare> nobleShares = new HashMap<>();
    for (int i = 0; i < fromNoble.size(); i += 2) {
      nobleShares.put(Identifier.decode(HEX.parseHex(fromNoble.get(i))),
          SigningShare.of(SecretBytes.takeOwnership(HEX.parseHex(fromNoble.get(i + 1)))));
    }
    assertThat(nobleShares.keySet()).containsExactlyInAnyOrder(ONE, THREE);

    keys = new HashMap<>();
    Map<Identifier, PublicKeyPackage> views = new HashMap<>();
    for (Identifier id : List.of(ONE, THREE)) {
      Identifier other = id.equals(ONE) ? THREE : ONE;
      Map<Identifier, SigningShare> received = Map.of(
          other, round2.get(other).sharesToSend().get(id), NOBLE, nobleShares.get(id));
      Dkg.Result result = DKG.part3(round2.get(id).secret(), othersOf(id, broadcasts), received);
      keys.put(id, TaprootTweak.keyPathOnly().applyTo(result.keyPackage()));
      views.put(id, result.publicKeyPackage());
    }
    assertThat(views.get(ONE)).isEqualTo(views.get(THREE));
    internalKey = views.get(ONE).groupKey();
    publicKeys = TaprootTweak.keyPathOnly().applyTo(views.get(ONE));
    nobleDkgResult = noble.call("dkg3",
        ONE.encode(), shareBytes(round2.get(ONE).sharesToSend().get(NOBLE)),
        THREE.encode(), shareBytes(round2.get(THREE).sharesToSend().get(NOBLE)));
  }

  @AfterAll
  static void stopPeer() throws Exception {
    if (noble != null) {
      noble.close();
    }
  }

  private static Map<Identifier, Dkg.Round1Package> othersOf(Identifier self, Map<Identifier, Dkg.Round1Package> all) {
    Map<Identifier, Dkg.Round1Package> others = new TreeMap<>(all);
    others.remove(self);
    return others;
  }

  private static byte[] shareBytes(SigningShare share) {
    try (SecretBytes s = share.toSecretBytes()) {
      return s.copy();
    }
  }

  private static byte[] random32() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  @Test
  void bothImplementationsDeriveTheSameTweakedGroupKeyAndVerifyingShares() throws FrostException {
    assertThat(nobleDkgResult.getFirst()).isEqualTo(HEX.formatHex(publicKeys.groupKey().encode()));
    Map<String, String> nobleVerifyingShares = new HashMap<>();
    for (int i = 1; i < nobleDkgResult.size(); i += 2) {
      nobleVerifyingShares.put(nobleDkgResult.get(i), nobleDkgResult.get(i + 1));
    }
    Map<String, String> ours = new HashMap<>();
    for (Identifier id : List.of(ONE, NOBLE, THREE)) {
      ours.put(HEX.formatHex(id.encode()), HEX.formatHex(publicKeys.verifyingShare(id).encode()));
    }
    assertThat(nobleVerifyingShares).isEqualTo(ours);
    XonlyPublicKey bip86 = new XonlyPublicKey(new ByteVector32(internalKey.xOnly()))
        .outputKey(Crypto.TaprootTweak.KeyPathTweak.INSTANCE).getFirst();
    assertThat(publicKeys.groupKey().xOnly()).isEqualTo(bip86.value.toByteArray());
  }

  @Test
  void nobleShareHolderContributesToASessionCoordinatedHere() throws Exception {
    byte[] message = random32();
    SigningNonces ours = FROST.commit(keys.get(ONE), RANDOM);
    SigningCommitments theirs = SigningCommitments.decode(HEX.parseHex(noble.call("commit", "a").getFirst()));
    SigningPackage pkg = new SigningPackage(List.of(ours.commitments(), theirs), message);
    SignatureShare nobleShare = SignatureShare.decode(NOBLE, HEX.parseHex(
        noble.call("sign", "a", message, ours.commitments().encode(), theirs.encode()).getFirst()));
    SignatureShare ourShare = FROST.sign(pkg, ours, keys.get(ONE));

    FROST.verifySignatureShare(pkg, nobleShare, publicKeys);
    assertThat(noble.call("verifyshare", message, ONE.encode(), ourShare.encode(), ours.commitments().encode(), theirs.encode()))
        .containsExactly("true");
    byte[] signature = FROST.aggregate(pkg, List.of(ourShare, nobleShare), publicKeys).encode();

    Secp256k1 secp = Secp256k1.Companion.get();
    assertThat(secp.verifySchnorr(signature, message, publicKeys.groupKey().xOnly())).isTrue();
    assertThat(secp.verifySchnorr(signature, random32(), publicKeys.groupKey().xOnly())).isFalse();
    assertThat(noble.call("verify", signature, message)).containsExactly("true");

    SignatureShare tampered = new SignatureShare(NOBLE, nobleShare.z().add(Scalar.ONE));
    assertThatThrownBy(() -> FROST.verifySignatureShare(pkg, tampered, publicKeys))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SIGNATURE_SHARE);
          assertThat(e.culprit()).contains(NOBLE);
        });
  }

  @Test
  void nobleAggregatesASessionWithOurShareAndRefusesATamperedOne() throws Exception {
    byte[] message = random32();
    SigningNonces ours = FROST.commit(keys.get(THREE), RANDOM);
    SigningCommitments theirs = SigningCommitments.decode(HEX.parseHex(noble.call("commit", "b").getFirst()));
    SigningPackage pkg = new SigningPackage(List.of(theirs, ours.commitments()), message);
    SignatureShare ourShare = FROST.sign(pkg, ours, keys.get(THREE));
    String nobleShare = noble.call("sign", "b", message, theirs.encode(), ours.commitments().encode()).getFirst();

    byte[] tampered = ourShare.z().add(Scalar.ONE).encode();
    assertThat(noble.call("verifyshare", message, THREE.encode(), tampered, theirs.encode(), ours.commitments().encode()))
        .containsExactly("false");

    byte[] signature = HEX.parseHex(noble.call("aggregate", message, 2, theirs.encode(), ours.commitments().encode(),
        NOBLE.encode(), nobleShare, THREE.encode(), ourShare.encode()).getFirst());
    assertThat(Secp256k1.Companion.get().verifySchnorr(signature, message, publicKeys.groupKey().xOnly())).isTrue();
  }
}
