package dev.custos.service.cosigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.DkgCeremony;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.EncryptedShare;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.core.keys.Network;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real 2-of-3 DKG ceremony ({@link DkgCeremony}) on a {@link GroupPlan}: its group file verifies,
 * and one whose TLS pin, address or network was changed afterwards does not — the certificates
 * cover them ({@link GroupPlan#dkgContext()}), so a coordinator's copy with a swapped pin fails
 * verification rather than only the connection.
 */
class GroupFileTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private GroupPlan plan;
  private GroupFile group;
  private String json;

  @BeforeEach
  void ceremony() throws Exception {
    Map<Identifier, IdentityKey> identities = new TreeMap<>();
    List<GroupMember> members = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      IdentityKey key = IdentityKey.random(RANDOM);
      identities.put(Identifier.of(i), key);
      members.add(new GroupMember(i, key.publicKey(), HexFormat.of().formatHex(new byte[] {(byte) i}).repeat(32), "127.0.0.1",
          19460 + i));
    }
    byte[] ceremonyId = new byte[32];
    RANDOM.nextBytes(ceremonyId);
    plan = new GroupPlan(Network.REGTEST, ceremonyId, 2, members);
    Map<Identifier, DkgCeremony> ceremonies = new TreeMap<>();
    Map<Identifier, Dkg.Round1> round1 = new TreeMap<>();
    Map<Identifier, Dkg.Round1Package> broadcasts = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      ceremonies.put(id, new DkgCeremony(ZfSecp256k1Taproot.INSTANCE, plan.dkgContext(), id));
      round1.put(id, ceremonies.get(id).round1(RANDOM));
      broadcasts.put(id, round1.get(id).broadcast());
    }
    Map<Identifier, DkgCeremony.SharesSent> round2 = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      round2.put(id, ceremonies.get(id).round2(identities.get(id), round1.get(id), broadcasts, RANDOM));
    }
    Map<Identifier, DkgCertificate> certificates = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      List<EncryptedShare> mine = new ArrayList<>();
      round2.forEach((sender, sent) -> {
        if (!sender.equals(id)) {
          mine.add(sent.envelopes().get(id));
        }
      });
      try (DkgCeremony.Unconfirmed done = ceremonies.get(id).round3(identities.get(id), round2.get(id), broadcasts, mine, RANDOM)) {
        certificates.put(id, done.certificate());
      }
    }
    group = GroupFile.verify(plan, broadcasts, certificates);
    json = new String(GroupFileCodec.encodeGroup(group), StandardCharsets.UTF_8);
  }

  @Test
  void theCeremonysGroupFileVerifiesAndRoundTrips() throws Exception {
    assertThat(GroupFileCodec.parseGroup(json.getBytes(StandardCharsets.UTF_8)).outputKey()).isEqualTo(group.outputKey());
  }

  @Test
  void aSwappedTlsPinDoesNotVerify() {
    String pin2 = plan.members().get(1).tlsSha256();
    assertThat(json).contains(pin2);
    assertDoesNotVerify(json.replace(pin2, "ab".repeat(32)));
  }

  @Test
  void aChangedAddressDoesNotVerify() {
    assertDoesNotVerify(json.replace("\"port\" : 19463", "\"port\" : 19464"));
    assertDoesNotVerify(json.replaceFirst("127\\.0\\.0\\.1", "127.0.0.2"));
  }

  @Test
  void anotherNetworkDoesNotVerify() {
    assertDoesNotVerify(json.replace("\"network\" : \"regtest\"", "\"network\" : \"signet\""));
  }

  @Test
  void thePlanItselfWithASwappedPinGivesAnotherTranscript() throws FrostException {
    List<GroupMember> swapped = new ArrayList<>(plan.members());
    GroupMember m = swapped.get(1);
    swapped.set(1, new GroupMember(m.index(), m.identityKey(), "ab".repeat(32), m.host(), m.port()));
    GroupPlan other = new GroupPlan(plan.network(), plan.ceremonyId(), plan.threshold(), swapped);
    assertThat(other.transportDigest()).isNotEqualTo(plan.transportDigest());
    assertThatThrownBy(() -> GroupFile.verify(other, group.round1(), group.certificates()))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_CERTIFICATE));
  }

  private static void assertDoesNotVerify(String edited) {
    assertThatThrownBy(() -> GroupFileCodec.parseGroup(edited.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GroupFileException.class).hasMessageContaining("group file does not verify");
  }
}
