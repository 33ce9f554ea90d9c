package dev.custos.core.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A repair after a real 2-of-3 DKG ({@link CeremonyHarness}): helpers 1 and 2 give participant 3
 * back exactly the share the DKG gave it; a helper whose delta is validly encrypted but wrong
 * yields no key, and an envelope from another repair (another id) does not open.
 */
class RepairCeremonyTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Identifier ONE = Identifier.of(1);
  private static final Identifier TWO = Identifier.of(2);
  private static final Identifier THREE = Identifier.of(3);

  private CeremonyHarness dkg;
  private Map<Identifier, CertifiedKey> keys;

  @BeforeEach
  void dkg() throws FrostException {
    dkg = new CeremonyHarness(2, 3, RANDOM);
    keys = dkg.runAll();
  }

  private RepairCeremony ceremony(byte[] repairId) throws FrostException {
    DkgContext context = new DkgContext(repairId, 2, dkg.context.participants());
    return new RepairCeremony(CeremonyHarness.DIALECT, context, keys.get(ONE).transcriptHash(), THREE, List.of(ONE, TWO));
  }

  private static byte[] id(int b) {
    byte[] id = new byte[32];
    id[0] = (byte) b;
    return id;
  }

  private RepairCeremony.DeltasSent deltas(RepairCeremony c, Identifier helper) throws FrostException {
    return c.helperDeltas(dkg.identities.get(helper), keys.get(helper).keyPackage(), RANDOM);
  }

  @Test
  void helpersRestoreTheLostShare() throws FrostException {
    RepairCeremony c = ceremony(id(1));
    RepairCeremony.DeltasSent one = deltas(c, ONE);
    RepairCeremony.DeltasSent two = deltas(c, TWO);
    EncryptedShare sigma1 = c.sigma(dkg.identities.get(ONE), one, List.of(two.envelopes().get(ONE)), RANDOM);
    EncryptedShare sigma2 = c.sigma(dkg.identities.get(TWO), two, List.of(one.envelopes().get(TWO)), RANDOM);
    try (KeyPackage repaired = c.repair(dkg.identities.get(THREE), List.of(sigma1, sigma2), keys.get(THREE).publicKeyPackage());
        SecretBytes got = repaired.signingShare().toSecretBytes();
        SecretBytes dealt = keys.get(THREE).keyPackage().signingShare().toSecretBytes()) {
      assertThat(got.equalsConstantTime(dealt)).isTrue();
    }
  }

  @Test
  void aWrongButValidlyEncryptedDeltaYieldsNoKey() throws FrostException {
    RepairCeremony c = ceremony(id(2));
    RepairCeremony.DeltasSent one = deltas(c, ONE);
    RepairCeremony.DeltasSent kept = deltas(c, TWO);
    RepairCeremony.DeltasSent sentToOne = deltas(c, TWO);
    sentToOne.close();
    EncryptedShare sigma1 = c.sigma(dkg.identities.get(ONE), one, List.of(sentToOne.envelopes().get(ONE)), RANDOM);
    EncryptedShare sigma2 = c.sigma(dkg.identities.get(TWO), kept, List.of(one.envelopes().get(TWO)), RANDOM);
    assertThatThrownBy(() -> c.repair(dkg.identities.get(THREE), List.of(sigma1, sigma2), keys.get(THREE).publicKeyPackage()))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SECRET_SHARE))
        .hasMessageContaining("does not match its verifying share");
  }

  @Test
  void anEnvelopeFromAnotherRepairDoesNotOpen() throws FrostException {
    RepairCeremony c = ceremony(id(3));
    RepairCeremony other = ceremony(id(4));
    RepairCeremony.DeltasSent one = deltas(c, ONE);
    RepairCeremony.DeltasSent foreign = deltas(other, TWO);
    assertThatThrownBy(() -> c.sigma(dkg.identities.get(ONE), one, List.of(foreign.envelopes().get(ONE)), RANDOM))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.TRANSCRIPT_MISMATCH));
    foreign.close();
  }

  @Test
  void theLostParticipantCannotHelpAndHelpersMustReachTheThreshold() {
    assertThatThrownBy(() -> new RepairCeremony(CeremonyHarness.DIALECT, new DkgContext(id(5), 2, dkg.context.participants()),
        keys.get(ONE).transcriptHash(), THREE, List.of(ONE, THREE)))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PARTICIPANTS));
    assertThatThrownBy(() -> new RepairCeremony(CeremonyHarness.DIALECT, new DkgContext(id(5), 2, dkg.context.participants()),
        keys.get(ONE).transcriptHash(), THREE, List.of(ONE)))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PARTICIPANTS));
  }
}
