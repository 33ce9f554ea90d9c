package dev.custos.core.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Share refresh keeps the group key and threshold, produces shares that sign (judged by
 * libsecp256k1), makes old shares useless next to new ones, and refuses a bad refresh share
 * naming its sender.
 */
class ShareRefreshTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Frost FROST = new Frost(ZfSecp256k1Taproot.INSTANCE);

  private static List<Identifier> ids(int... is) {
    return IntStream.of(is).mapToObj(Identifier::of).toList();
  }

  private static byte[] random32() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  /** Runs parts 1 and 2 for everyone; {@code corrupt} (if any) sends participant 2 a wrong δ. */
  private static Map<Identifier, Dkg.Result> refresh(TrustedDealer.Dealt dealt, int t, Identifier corrupt) throws FrostException {
    Map<Identifier, ShareRefresh.Round1> r1 = new TreeMap<>();
    for (Identifier id : dealt.keys().keySet()) {
      r1.put(id, ShareRefresh.part1(id, dealt.keys().size(), t, RANDOM));
    }
    Map<Identifier, ShareRefresh.Round2> r2 = new TreeMap<>();
    for (Identifier id : dealt.keys().keySet()) {
      r2.put(id, ShareRefresh.part2(r1.get(id).secret(), commitmentsExcept(r1, id)));
    }
    Map<Identifier, Dkg.Result> out = new TreeMap<>();
    for (Identifier id : dealt.keys().keySet()) {
      Map<Identifier, SigningShare> received = new HashMap<>();
      for (Identifier from : r2.keySet()) {
        if (!from.equals(id)) {
          received.put(from, r2.get(from).sharesToSend().get(id));
        }
      }
      if (corrupt != null && id.equals(Identifier.of(2))) {
        received.put(corrupt, SigningShare.of(SecretBytes.takeOwnership(SecretPolynomial.randomScalar(RANDOM))));
      }
      out.put(id, ShareRefresh.part3(r2.get(id).secret(), dealt.keys().get(id), dealt.publicKeys(), commitmentsExcept(r1, id), received));
    }
    return out;
  }

  private static Map<Identifier, VssCommitment> commitmentsExcept(Map<Identifier, ShareRefresh.Round1> r1, Identifier self) {
    Map<Identifier, VssCommitment> m = new TreeMap<>();
    r1.forEach((id, r) -> {
      if (!id.equals(self)) {
        m.put(id, r.commitment());
      }
    });
    return m;
  }

  @Test
  void refreshedSharesSignForTheSameOutputKeyAndOldOnesNoLongerFit() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(3, ids(1, 2, 3, 4, 5), RANDOM);
    Map<Identifier, Dkg.Result> refreshed = refresh(dealt, 3, null);

    PublicKeyPackage newPublic = refreshed.get(Identifier.of(1)).publicKeyPackage();
    assertThat(newPublic.groupKey()).isEqualTo(dealt.publicKeys().groupKey());
    for (Dkg.Result r : refreshed.values()) {
      assertThat(r.publicKeyPackage()).isEqualTo(newPublic);
      assertThat(r.keyPackage().minSigners()).isEqualTo(3);
    }
    for (Identifier id : ids(1, 2, 3, 4, 5)) {
      assertThat(newPublic.verifyingShare(id)).isNotEqualTo(dealt.publicKeys().verifyingShare(id));
    }

    TaprootTweak tweak = TaprootTweak.keyPathOnly();
    PublicKeyPackage output = tweak.applyTo(newPublic);
    Map<Identifier, KeyPackage> newKeys = new TreeMap<>();
    refreshed.forEach((id, r) -> {
      try {
        newKeys.put(id, tweak.applyTo(r.keyPackage()));
      } catch (FrostException e) {
        throw new AssertionError(e);
      }
    });
    byte[] msg = random32();
    FrostSignature sig = FrostRoundTripTest.sign(FROST, newKeys, output, ids(2, 4, 5), msg);
    assertThat(IndependentSchnorrCheck.bip340(sig.encode(), msg, tweak.applyTo(dealt.publicKeys()).groupKey().xOnly())).isTrue();

    // An old share (as a thief might hold it) next to new shares: its signature share is refused.
    Map<Identifier, KeyPackage> mixed = new TreeMap<>(newKeys);
    mixed.put(Identifier.of(4), tweak.applyTo(dealt.keys().get(Identifier.of(4))));
    assertThatThrownBy(() -> FrostRoundTripTest.sign(FROST, mixed, output, ids(2, 4, 5), msg))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SIGNATURE_SHARE);
          assertThat(e.culprit()).contains(Identifier.of(4));
        });
  }

  @Test
  void wrongRefreshShareIsRefusedNamingItsSender() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(2, ids(1, 2, 3), RANDOM);
    assertThatThrownBy(() -> refresh(dealt, 2, Identifier.of(3)))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SECRET_SHARE);
          assertThat(e.culprit()).contains(Identifier.of(3));
          assertThat(e.getMessage()).contains("refresh share from Identifier[3]");
        });
  }

  @Test
  void refreshWithAnotherThresholdOrMissingParticipantIsRefused() throws FrostException {
    TrustedDealer.Dealt dealt = TrustedDealer.deal(2, ids(1, 2, 3), RANDOM);
    assertThatThrownBy(() -> refresh(dealt, 3, null))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PARTICIPANTS));
    ShareRefresh.Round1 one = ShareRefresh.part1(Identifier.of(1), 3, 2, RANDOM);
    ShareRefresh.Round1 two = ShareRefresh.part1(Identifier.of(2), 3, 2, RANDOM);
    assertThatThrownBy(() -> ShareRefresh.part2(one.secret(), Map.of(Identifier.of(2), two.commitment())))
        .isInstanceOfSatisfying(FrostException.class, e -> {
          assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PARTICIPANTS);
          assertThat(e.getMessage()).contains("expected refresh packages from the 2 others");
        });
  }
}
