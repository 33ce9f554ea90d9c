package dev.custos.service.cosigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.DkgCeremony;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.EncryptedShare;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.frost.RefreshCeremony;
import dev.custos.core.frost.ShareRefresh;
import dev.custos.core.frost.VssCommitment;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.core.keys.Network;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A real 2-of-3 DKG and a real {@link RefreshCeremony} on its {@link GroupPlan}: the refreshed
 * group file ({@link GroupFile#refreshed}) has the same keys and the verifying shares of the
 * refreshed certified keys, round-trips through JSON, and stops verifying when a refresh
 * commitment is swapped, a refresh certificate is replaced by the DKG one, or a refresh reuses
 * the DKG's ceremony id.
 */
class GroupRefreshTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ZfSecp256k1Taproot TR = ZfSecp256k1Taproot.INSTANCE;

  private final Map<Identifier, IdentityKey> identities = new TreeMap<>();

  @Test
  void aRefreshIsRecordedAsACertifiedChain() throws Exception {
    GroupPlan plan = plan();
    Map<Identifier, CertifiedKey> keys = new TreeMap<>();
    GroupFile group = dkg(plan, keys);
    byte[] refreshId = new byte[32];
    RANDOM.nextBytes(refreshId);
    Map<Identifier, CertifiedKey> refreshedKeys = new TreeMap<>();
    GroupRefresh refresh = refresh(plan, keys, refreshId, refreshedKeys);

    GroupFile refreshed = group.refreshed(refresh);
    assertThat(refreshed.outputKey()).isEqualTo(group.outputKey());
    assertThat(refreshed.internalKey()).isEqualTo(group.internalKey());
    assertThat(refreshed.refreshes()).hasSize(1);
    for (var e : refreshedKeys.entrySet()) {
      assertThat(refreshed.internalKeys().verifyingShare(e.getKey())).isEqualTo(e.getValue().keyPackage().verifyingShare())
          .isNotEqualTo(group.internalKeys().verifyingShare(e.getKey()));
      assertThat(refreshed.transcriptHash()).isEqualTo(e.getValue().transcriptHash());
    }
    String json = new String(GroupFileCodec.encodeGroup(refreshed), StandardCharsets.UTF_8);
    assertThat(GroupFileCodec.parseGroup(json.getBytes(StandardCharsets.UTF_8)).internalKeys()).isEqualTo(refreshed.internalKeys());
    assertThat(new String(GroupFileCodec.encodeGroup(group), StandardCharsets.UTF_8)).doesNotContain("refreshes");

    String commitment1 = HexFormat.of().formatHex(refresh.commitments().get(Identifier.of(1)).encode());
    String commitment2 = HexFormat.of().formatHex(refresh.commitments().get(Identifier.of(2)).encode());
    assertThatThrownBy(() -> GroupFileCodec.parseGroup(json.replace(commitment1, commitment2).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GroupFileException.class).hasMessageContaining("does not verify");
    String certificate3 = HexFormat.of().formatHex(refresh.certificates().get(Identifier.of(3)).encode());
    String dkgCertificate3 = HexFormat.of().formatHex(group.certificates().get(Identifier.of(3)).encode());
    assertThatThrownBy(() -> GroupFileCodec.parseGroup(json.replace(certificate3, dkgCertificate3).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GroupFileException.class).hasMessageContaining("does not verify").hasMessageContaining("Identifier[3]");

    GroupRefresh reused = new GroupRefresh(plan.ceremonyId(), refresh.commitments(), refresh.certificates());
    assertThatThrownBy(() -> group.refreshed(reused)).isInstanceOfSatisfying(FrostException.class,
        e -> assertThat(e).hasMessageContaining("repeats an earlier ceremony id"));
    keys.values().forEach(CertifiedKey::close);
    refreshedKeys.values().forEach(CertifiedKey::close);
  }

  private GroupPlan plan() throws FrostException {
    List<GroupMember> members = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      IdentityKey key = IdentityKey.random(RANDOM);
      identities.put(Identifier.of(i), key);
      members.add(new GroupMember(i, key.publicKey(), HexFormat.of().formatHex(new byte[] {(byte) i}).repeat(32), "127.0.0.1", 19460 + i));
    }
    byte[] ceremonyId = new byte[32];
    RANDOM.nextBytes(ceremonyId);
    return new GroupPlan(Network.REGTEST, ceremonyId, 2, members);
  }

  private GroupFile dkg(GroupPlan plan, Map<Identifier, CertifiedKey> keys) throws FrostException {
    Map<Identifier, DkgCeremony> ceremonies = new TreeMap<>();
    Map<Identifier, Dkg.Round1> round1 = new TreeMap<>();
    Map<Identifier, Dkg.Round1Package> broadcasts = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      ceremonies.put(id, new DkgCeremony(TR, plan.dkgContext(), id));
      round1.put(id, ceremonies.get(id).round1(RANDOM));
      broadcasts.put(id, round1.get(id).broadcast());
    }
    Map<Identifier, DkgCeremony.SharesSent> round2 = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      round2.put(id, ceremonies.get(id).round2(identities.get(id), round1.get(id), broadcasts, RANDOM));
    }
    Map<Identifier, DkgCeremony.Unconfirmed> pending = new TreeMap<>();
    Map<Identifier, DkgCertificate> certificates = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      Map<Identifier, Map<Identifier, EncryptedShare>> envelopes = new TreeMap<>();
      round2.forEach((sender, sent) -> envelopes.put(sender, sent.envelopes()));
      pending.put(id, ceremonies.get(id).round3(identities.get(id), round2.get(id), broadcasts, inbox(id, envelopes), RANDOM));
      certificates.put(id, pending.get(id).certificate());
    }
    for (Identifier id : identities.keySet()) {
      keys.put(id, ceremonies.get(id).confirm(pending.get(id), certificates.values()));
    }
    return GroupFile.verify(plan, broadcasts, certificates);
  }

  private GroupRefresh refresh(GroupPlan plan, Map<Identifier, CertifiedKey> keys, byte[] refreshId, Map<Identifier, CertifiedKey> out)
      throws FrostException {
    Map<Identifier, RefreshCeremony> ceremonies = new TreeMap<>();
    Map<Identifier, ShareRefresh.Round1> round1 = new TreeMap<>();
    Map<Identifier, VssCommitment> commitments = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      ceremonies.put(id, new RefreshCeremony(TR, plan.refreshContext(refreshId), keys.get(id)));
      round1.put(id, ceremonies.get(id).round1(RANDOM));
      commitments.put(id, round1.get(id).commitment());
    }
    Map<Identifier, RefreshCeremony.DeltasSent> round2 = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      round2.put(id, ceremonies.get(id).round2(identities.get(id), round1.get(id), commitments, RANDOM));
    }
    Map<Identifier, DkgCeremony.Unconfirmed> pending = new TreeMap<>();
    Map<Identifier, DkgCertificate> certificates = new TreeMap<>();
    for (Identifier id : identities.keySet()) {
      Map<Identifier, Map<Identifier, EncryptedShare>> envelopes = new TreeMap<>();
      round2.forEach((sender, sent) -> envelopes.put(sender, sent.envelopes()));
      pending.put(id, ceremonies.get(id).round3(identities.get(id), round2.get(id), commitments, inbox(id, envelopes), RANDOM));
      certificates.put(id, pending.get(id).certificate());
    }
    for (Identifier id : identities.keySet()) {
      out.put(id, ceremonies.get(id).confirm(pending.get(id), certificates.values()));
    }
    return new GroupRefresh(refreshId, commitments, certificates);
  }

  /** The envelopes addressed to {@code id}, from every sender's round-two envelopes. */
  private static List<EncryptedShare> inbox(Identifier id, Map<Identifier, Map<Identifier, EncryptedShare>> bySender) {
    List<EncryptedShare> mine = new ArrayList<>();
    bySender.forEach((sender, envelopes) -> {
      if (!sender.equals(id)) {
        mine.add(envelopes.get(id));
      }
    });
    return mine;
  }
}
