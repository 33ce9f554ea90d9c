package dev.custos.core.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A certified refresh after a real 2-of-3 DKG ({@link CeremonyHarness}): same group and output
 * key, a new chained transcript certified by all three, new shares that sign (judged by
 * libsecp256k1's BIP340 verify) and that an old share cannot join; a relay that changes a
 * commitment or drops a certificate, and a context that is not the key's, are refused.
 */
class RefreshCeremonyTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Frost FROST = new Frost(ZfSecp256k1Taproot.INSTANCE);
  private static final Identifier ONE = Identifier.of(1);
  private static final Identifier TWO = Identifier.of(2);
  private static final Identifier THREE = Identifier.of(3);

  private CeremonyHarness dkg;
  private Map<Identifier, CertifiedKey> old;
  private DkgContext context;
  private final Map<Identifier, RefreshCeremony> ceremonies = new TreeMap<>();
  private final Map<Identifier, ShareRefresh.Round1> round1 = new TreeMap<>();
  private final Map<Identifier, RefreshCeremony.DeltasSent> round2 = new TreeMap<>();
  private final Map<Identifier, DkgCeremony.Unconfirmed> round3 = new TreeMap<>();

  @BeforeEach
  void dkgThenRefreshRoundOne() throws FrostException {
    dkg = new CeremonyHarness(2, 3, RANDOM);
    old = dkg.runAll();
    byte[] ceremonyId = new byte[32];
    RANDOM.nextBytes(ceremonyId);
    context = new DkgContext(ceremonyId, 2, dkg.context.participants(), new byte[] {7});
    for (var e : old.entrySet()) {
      ceremonies.put(e.getKey(), new RefreshCeremony(CeremonyHarness.DIALECT, context, e.getValue()));
      round1.put(e.getKey(), ceremonies.get(e.getKey()).round1(RANDOM));
    }
  }

  private Map<Identifier, VssCommitment> commitments() {
    Map<Identifier, VssCommitment> all = new TreeMap<>();
    round1.forEach((id, r) -> all.put(id, r.commitment()));
    return all;
  }

  private List<EncryptedShare> envelopesFor(Identifier recipient) {
    List<EncryptedShare> out = new ArrayList<>();
    round2.forEach((sender, sent) -> {
      if (!sender.equals(recipient)) {
        out.add(sent.envelopes().get(recipient));
      }
    });
    return out;
  }

  private void runRounds2And3() throws FrostException {
    for (var e : ceremonies.entrySet()) {
      round2.put(e.getKey(), e.getValue().round2(dkg.identities.get(e.getKey()), round1.get(e.getKey()), commitments(), RANDOM));
    }
    for (var e : ceremonies.entrySet()) {
      Identifier id = e.getKey();
      round3.put(id, e.getValue().round3(dkg.identities.get(id), round2.get(id), commitments(), envelopesFor(id), RANDOM));
    }
  }

  private List<DkgCertificate> certificates() {
    return round3.values().stream().map(DkgCeremony.Unconfirmed::certificate).toList();
  }

  @Test
  void refreshedKeysKeepTheGroupKeySignAndAnOldShareCannotJoinThem() throws FrostException {
    runRounds2And3();
    Map<Identifier, CertifiedKey> fresh = new TreeMap<>();
    for (var e : ceremonies.entrySet()) {
      fresh.put(e.getKey(), e.getValue().confirm(round3.get(e.getKey()), certificates()));
    }
    CertifiedKey one = fresh.get(ONE);
    PublicKeyPackage output = one.outputPublicKeyPackage();
    assertThat(output.groupKey()).isEqualTo(old.get(ONE).outputPublicKeyPackage().groupKey());
    assertThat(one.transcriptHash()).isNotEqualTo(old.get(ONE).transcriptHash())
        .isEqualTo(RefreshTranscript.hash(CeremonyHarness.DIALECT, context, old.get(ONE).transcriptHash(), commitments()));
    for (Identifier id : fresh.keySet()) {
      assertThat(fresh.get(id).publicKeyPackage()).isEqualTo(one.publicKeyPackage());
      assertThat(one.publicKeyPackage().verifyingShare(id)).isNotEqualTo(old.get(ONE).publicKeyPackage().verifyingShare(id));
    }

    Map<Identifier, KeyPackage> signers = new TreeMap<>();
    signers.put(ONE, fresh.get(ONE).outputKeyPackage());
    signers.put(THREE, fresh.get(THREE).outputKeyPackage());
    byte[] msg = new byte[32];
    RANDOM.nextBytes(msg);
    FrostSignature sig = FrostRoundTripTest.sign(FROST, signers, output, List.of(ONE, THREE), msg);
    assertThat(IndependentSchnorrCheck.bip340(sig.encode(), msg, output.groupKey().xOnly())).isTrue();

    Map<Identifier, KeyPackage> mixed = new TreeMap<>(signers);
    mixed.put(THREE, old.get(THREE).outputKeyPackage());
    assertThatThrownBy(() -> FrostRoundTripTest.sign(FROST, mixed, output, List.of(ONE, THREE), msg))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SIGNATURE_SHARE);
          assertThat(e.culprit()).contains(THREE);
        });
  }

  @Test
  void aCommitmentChangedByTheRelayIsDetected() throws FrostException {
    for (var e : ceremonies.entrySet()) {
      round2.put(e.getKey(), e.getValue().round2(dkg.identities.get(e.getKey()), round1.get(e.getKey()), commitments(), RANDOM));
    }
    // Participant 2 is shown another commitment for 3 in round three than everybody used in round two.
    Map<Identifier, VssCommitment> changed = commitments();
    changed.put(THREE, ShareRefresh.part1(THREE, 3, 2, RANDOM).commitment());
    assertThatThrownBy(() -> ceremonies.get(TWO).round3(dkg.identities.get(TWO), round2.get(TWO), changed, envelopesFor(TWO), RANDOM))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.TRANSCRIPT_MISMATCH));
    // ... and one whose own commitment was replaced refuses in round two.
    Map<Identifier, VssCommitment> notMine = commitments();
    notMine.put(ONE, ShareRefresh.part1(ONE, 3, 2, RANDOM).commitment());
    ShareRefresh.Round1 again = ceremonies.get(ONE).round1(RANDOM);
    assertThatThrownBy(() -> ceremonies.get(ONE).round2(dkg.identities.get(ONE), again, notMine, RANDOM))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.TRANSCRIPT_MISMATCH));
  }

  @Test
  void theRefreshedKeyIsNotUsableWithoutEveryCertificate() throws FrostException {
    runRounds2And3();
    List<DkgCertificate> two = certificates().subList(0, 2);
    assertThatThrownBy(() -> ceremonies.get(ONE).confirm(round3.get(ONE), two))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_CERTIFICATE);
          assertThat(e.culprit()).contains(THREE);
        });
    // A DKG certificate (over the old transcript) does not stand in for a refresh certificate.
    List<DkgCertificate> stale = List.of(certificates().get(0), certificates().get(1), dkg.certificates().get(2));
    assertThatThrownBy(() -> ceremonies.get(TWO).confirm(round3.get(TWO), stale))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.getMessage()).contains("does not verify"));
  }

  @Test
  void aContextThatIsNotTheKeysIsRefused() throws FrostException {
    DkgContext threeOfThree = new DkgContext(context.ceremonyId(), 3, context.participants());
    assertThatThrownBy(() -> new RefreshCeremony(CeremonyHarness.DIALECT, threeOfThree, old.get(ONE)))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PARTICIPANTS);
          assertThat(e.getMessage()).contains("is not the key's");
        });
  }
}
