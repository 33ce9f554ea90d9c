package dev.custos.core.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole DKG ceremonies in memory (encrypted round-two shares, transcript certificates), judged by
 * libsecp256k1 {@code verifySchnorr} and bitcoin-kmp's BIP86 output key; and a malicious relay
 * between the rounds: tampered or misaddressed envelopes, equivocated or replaced round-one
 * packages, missing or forged certificates, each refused with its kind and culprit.
 */
class DkgCeremonyTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Frost FROST = new Frost(ZfSecp256k1Taproot.INSTANCE);
  private static final Identifier ONE = Identifier.of(1);
  private static final Identifier TWO = Identifier.of(2);
  private static final Identifier THREE = Identifier.of(3);

  private static byte[] random32() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void assertRefused(ThrowingCallable call, FrostException.Kind kind, Identifier culprit, String messagePart) {
    assertThatThrownBy(call).isInstanceOfSatisfying(FrostException.class, e -> {
      assertThat(e.kind()).isEqualTo(kind);
      assertThat(e.getMessage()).contains(messagePart);
      if (culprit != null) {
        assertThat(e.culprit()).contains(culprit);
      }
    });
  }

  @ParameterizedTest(name = "{0}-of-{1}")
  @CsvSource({"2, 3", "3, 5"})
  void ceremonyGivesEveryoneTheSameKeyWhichSignsForTheBip86OutputKey(int t, int n) throws FrostException {
    CeremonyHarness h = new CeremonyHarness(t, n, RANDOM);
    Map<Identifier, CertifiedKey> keys = h.runAll();

    PublicKeyPackage internal = keys.get(ONE).publicKeyPackage();
    for (CertifiedKey k : keys.values()) {
      assertThat(k.publicKeyPackage()).isEqualTo(internal);
      assertThat(k.transcriptHash()).isEqualTo(keys.get(ONE).transcriptHash());
    }
    PublicKeyPackage output = keys.get(ONE).outputPublicKeyPackage();
    XonlyPublicKey bip86 = new XonlyPublicKey(new ByteVector32(internal.groupKey().xOnly()))
        .outputKey(Crypto.TaprootTweak.KeyPathTweak.INSTANCE).getFirst();
    assertThat(output.groupKey().xOnly()).isEqualTo(bip86.value.toByteArray());

    Map<Identifier, KeyPackage> signing = new TreeMap<>();
    for (var e : keys.entrySet()) {
      signing.put(e.getKey(), e.getValue().outputKeyPackage());
    }
    List<Identifier> signers = new ArrayList<>(signing.keySet()).subList(n - t, n);
    byte[] msg = random32();
    FrostSignature sig = FrostRoundTripTest.sign(FROST, signing, output, signers, msg);
    assertThat(IndependentSchnorrCheck.bip340(sig.encode(), msg, bip86.value.toByteArray())).isTrue();
    assertThat(IndependentSchnorrCheck.bip340(sig.encode(), random32(), bip86.value.toByteArray())).isFalse();
  }

  @Test
  void tamperedCiphertextIsRefusedNamingTheSender() throws FrostException {
    CeremonyHarness h = new CeremonyHarness(2, 3, RANDOM);
    h.runRound1();
    h.runRound2();
    byte[] bytes = h.round2.get(ONE).envelopes().get(TWO).encode();
    bytes[EncryptedShare.ENCODED_LENGTH - 20] ^= 1;
    List<EncryptedShare> delivered = List.of(EncryptedShare.decode(bytes), h.round2.get(THREE).envelopes().get(TWO));
    assertRefused(() -> h.ceremonies.get(TWO).round3(h.identities.get(TWO), h.round2.get(TWO), h.broadcasts(), delivered, RANDOM),
        FrostException.Kind.INVALID_ENCRYPTED_SHARE, ONE, "does not decrypt");
  }

  @Test
  void envelopeForAnotherRecipientIsRefusedAndRelabellingItDoesNotDecrypt() throws FrostException {
    CeremonyHarness h = new CeremonyHarness(2, 3, RANDOM);
    h.runRound1();
    h.runRound2();
    EncryptedShare forThree = h.round2.get(ONE).envelopes().get(THREE);
    List<EncryptedShare> misdelivered = List.of(forThree, h.round2.get(THREE).envelopes().get(TWO));
    assertRefused(() -> h.ceremonies.get(TWO).round3(h.identities.get(TWO), h.round2.get(TWO), h.broadcasts(), misdelivered, RANDOM),
        FrostException.Kind.INVALID_ENCRYPTED_SHARE, ONE, "addressed to Identifier[3], not to Identifier[2]");

    byte[] relabelled = forThree.encode();
    System.arraycopy(TWO.encode(), 0, relabelled, 32, 32);
    List<EncryptedShare> forged = List.of(EncryptedShare.decode(relabelled), h.round2.get(THREE).envelopes().get(TWO));
    assertRefused(() -> h.ceremonies.get(TWO).round3(h.identities.get(TWO), h.round2.get(TWO), h.broadcasts(), forged, RANDOM),
        FrostException.Kind.INVALID_ENCRYPTED_SHARE, ONE, "does not decrypt");
  }

  @Test
  void missingOrDuplicateEnvelopesAreRefused() throws FrostException {
    CeremonyHarness h = new CeremonyHarness(2, 3, RANDOM);
    h.runRound1();
    h.runRound2();
    List<EncryptedShare> onlyFromOne = List.of(h.round2.get(ONE).envelopes().get(TWO));
    assertRefused(() -> h.ceremonies.get(TWO).round3(h.identities.get(TWO), h.round2.get(TWO), h.broadcasts(), onlyFromOne, RANDOM),
        FrostException.Kind.INVALID_ENCRYPTED_SHARE, THREE, "no share envelope from [Identifier[3]]");
  }

  @Test
  void equivocatedRoundOnePackageIsDetectedWhenOpeningShares() throws FrostException {
    CeremonyHarness h = new CeremonyHarness(2, 3, RANDOM);
    h.runRound1();
    // The relay shows participant 2 another (valid) package in the name of participant 3.
    Map<Identifier, Dkg.Round1Package> shownToTwo = new TreeMap<>(h.broadcasts());
    shownToTwo.put(THREE, new Dkg(CeremonyHarness.DIALECT).part1(THREE, 3, 2, RANDOM).broadcast());
    for (Identifier id : List.of(ONE, THREE)) {
      h.round2.put(id, h.ceremonies.get(id).round2(h.identities.get(id), h.round1.get(id), h.broadcasts(), RANDOM));
    }
    h.round2.put(TWO, h.ceremonies.get(TWO).round2(h.identities.get(TWO), h.round1.get(TWO), shownToTwo, RANDOM));
    assertThat(h.round2.get(TWO).transcriptHash()).isNotEqualTo(h.round2.get(ONE).transcriptHash());

    assertRefused(() -> h.ceremonies.get(TWO).round3(h.identities.get(TWO), h.round2.get(TWO), shownToTwo, h.envelopesFor(TWO), RANDOM),
        FrostException.Kind.TRANSCRIPT_MISMATCH, ONE, "equivocation");
    assertRefused(() -> h.ceremonies.get(ONE).round3(h.identities.get(ONE), h.round2.get(ONE), h.broadcasts(), h.envelopesFor(ONE), RANDOM),
        FrostException.Kind.TRANSCRIPT_MISMATCH, TWO, "equivocation");
  }

  @Test
  void replacedOwnPackageAndPackagesChangedBetweenRoundsAreRefused() throws FrostException {
    CeremonyHarness h = new CeremonyHarness(2, 3, RANDOM);
    h.runRound1();
    Map<Identifier, Dkg.Round1Package> replaced = new TreeMap<>(h.broadcasts());
    replaced.put(TWO, new Dkg(CeremonyHarness.DIALECT).part1(TWO, 3, 2, RANDOM).broadcast());
    assertRefused(() -> h.ceremonies.get(TWO).round2(h.identities.get(TWO), h.round1.get(TWO), replaced, RANDOM),
        FrostException.Kind.TRANSCRIPT_MISMATCH, null, "is not ours");

    CeremonyHarness g = new CeremonyHarness(2, 3, RANDOM);
    g.runRound1();
    g.runRound2();
    Map<Identifier, Dkg.Round1Package> changed = new TreeMap<>(g.broadcasts());
    changed.put(THREE, new Dkg(CeremonyHarness.DIALECT).part1(THREE, 3, 2, RANDOM).broadcast());
    assertRefused(() -> g.ceremonies.get(TWO).round3(g.identities.get(TWO), g.round2.get(TWO), changed, g.envelopesFor(TWO), RANDOM),
        FrostException.Kind.TRANSCRIPT_MISMATCH, null, "changed between rounds two and three");
  }

  @Test
  void groupKeyIsNotUsableUntilAllCertificatesVerify() throws FrostException {
    CeremonyHarness h = new CeremonyHarness(2, 3, RANDOM);
    h.runRound1();
    h.runRound2();
    h.runRound3();
    List<DkgCertificate> all = h.certificates();
    DkgCeremony one = h.ceremonies.get(ONE);

    assertRefused(() -> one.confirm(h.round3.get(ONE), all.subList(0, 2)),
        FrostException.Kind.INVALID_CERTIFICATE, THREE, "no certificate from [Identifier[3]]");
    // A failed confirmation closes the pending key: it cannot be confirmed later.
    assertThatThrownBy(() -> one.confirm(h.round3.get(ONE), all)).isInstanceOf(IllegalStateException.class);

    // Participant 3's certificate from another ceremony run with the same context does not verify.
    CeremonyHarness other = sameContextRerun(h);
    List<DkgCertificate> forged = List.of(all.get(0), all.get(1), other.round3.get(THREE).certificate());
    assertRefused(() -> h.ceremonies.get(TWO).confirm(h.round3.get(TWO), forged),
        FrostException.Kind.INVALID_CERTIFICATE, THREE, "does not verify");

    List<DkgCertificate> duplicated = List.of(all.get(0), all.get(1), all.get(1));
    assertRefused(() -> h.ceremonies.get(THREE).confirm(h.round3.get(THREE), duplicated),
        FrostException.Kind.INVALID_CERTIFICATE, TWO, "two certificates");
  }

  /** Runs the ceremony again with the same context and identity keys (fresh polynomials). */
  private static CeremonyHarness sameContextRerun(CeremonyHarness h) throws FrostException {
    CeremonyHarness again = new CeremonyHarness(2, 3, RANDOM);
    Map<Identifier, IdentityKey> ids = new HashMap<>(h.identities);
    again.identities.clear();
    again.identities.putAll(ids);
    again.ceremonies.clear();
    again.ceremonies.putAll(h.ceremonies);
    again.runRound1();
    again.runRound2();
    again.runRound3();
    return again;
  }

  @Test
  void identityKeyOtherThanThePinnedOneIsRefused() throws FrostException {
    CeremonyHarness h = new CeremonyHarness(2, 3, RANDOM);
    h.runRound1();
    IdentityKey stranger = IdentityKey.random(RANDOM);
    assertRefused(() -> h.ceremonies.get(ONE).round2(stranger, h.round1.get(ONE), h.broadcasts(), RANDOM),
        FrostException.Kind.INVALID_PARTICIPANTS, null, "not the one pinned for Identifier[1]");
  }

  @Test
  void aParticipantToldOtherApplicationDataIsDetectedByEveryoneElse() throws FrostException {
    CeremonyHarness h = new CeremonyHarness(2, 3, RANDOM);
    DkgContext told = new DkgContext(h.context.ceremonyId(), 2, h.context.participants(), new byte[] {1});
    h.ceremonies.put(THREE, new DkgCeremony(CeremonyHarness.DIALECT, told, THREE));
    h.runRound1();
    assertThat(DkgTranscript.hash(CeremonyHarness.DIALECT, told, h.broadcasts()))
        .isNotEqualTo(DkgTranscript.hash(CeremonyHarness.DIALECT, h.context, h.broadcasts()));
    h.runRound2();
    // Participant 3's share for 1 was sealed under its own transcript: 1 cannot open it.
    assertThatThrownBy(() -> h.ceremonies.get(ONE).round3(h.identities.get(ONE), h.round2.get(ONE), h.broadcasts(), h.envelopesFor(ONE),
        RANDOM)).isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.culprit()).contains(THREE));
  }

  @Test
  void contextRefusesOversizedApplicationData() throws FrostException {
    IdentityPublicKey a = IdentityKey.random(RANDOM).publicKey();
    IdentityPublicKey b = IdentityKey.random(RANDOM).publicKey();
    assertThat(new DkgContext(random32(), 2, Map.of(ONE, a, TWO, b), new byte[65535]).applicationData()).hasSize(65535);
    assertRefused(() -> new DkgContext(random32(), 2, Map.of(ONE, a, TWO, b), new byte[65536]), FrostException.Kind.MALFORMED_ENCODING,
        null, "at most 65535 bytes");
  }

  @Test
  void contextRefusesBadThresholdsAndSharedIdentityKeys() throws FrostException {
    IdentityPublicKey a = IdentityKey.random(RANDOM).publicKey();
    IdentityPublicKey b = IdentityKey.random(RANDOM).publicKey();
    assertRefused(() -> new DkgContext(random32(), 3, Map.of(ONE, a, TWO, b)), FrostException.Kind.INVALID_PARTICIPANTS, null, "t=3 n=2");
    assertRefused(() -> new DkgContext(random32(), 1, Map.of(ONE, a, TWO, b)), FrostException.Kind.INVALID_PARTICIPANTS, null, "t=1 n=2");
    assertRefused(() -> new DkgContext(random32(), 2, Map.of(ONE, a, TWO, a)), FrostException.Kind.INVALID_PARTICIPANTS, null, "share an identity key");
    assertRefused(() -> new DkgContext(new byte[31], 2, Map.of(ONE, a, TWO, b)), FrostException.Kind.MALFORMED_ENCODING, null, "32 bytes");
  }
}
