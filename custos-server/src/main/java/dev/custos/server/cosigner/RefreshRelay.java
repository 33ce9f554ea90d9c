package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.VssCommitment;
import dev.custos.proto.v1.CosignerRefreshGrpc;
import dev.custos.proto.v1.RefreshCommitment;
import dev.custos.proto.v1.RefreshConfirmRequest;
import dev.custos.proto.v1.RefreshRound1Request;
import dev.custos.proto.v1.RefreshRound2Request;
import dev.custos.proto.v1.RefreshRound3Request;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupMember;
import dev.custos.service.cosigner.GroupRefresh;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Relays a share refresh among all members of a {@link GroupFile} over
 * {@code custos.v1.CosignerRefresh} (pinned mutual TLS), like {@link DkgRelay}: it picks a fresh
 * random refresh id, gathers the refresh commitments, hands all of them to everyone, delivers
 * each encrypted delta to its recipient, gathers the certificates, checks that the refreshed
 * group {@link GroupFile#refreshed verifies} (same group key, all {@code n} certificates over the
 * chained transcript), hands the certificates to everyone and checks that every member confirmed
 * the same output key. It holds no secret; the participants check everything again.
 */
public final class RefreshRelay {
  private RefreshRelay() {}

  /** @return the refreshed group (the input's chain plus this refresh) */
  public static GroupFile run(GroupFile group, TlsIdentity client, Duration timeout, SecureRandom random) throws CoordinatorException {
    try (var members = MemberChannels.open(group.plan().members(), client, timeout, CosignerRefreshGrpc::newBlockingStub, "refresh ")) {
      byte[] refreshId = new byte[32];
      random.nextBytes(refreshId);
      return relay(group, refreshId, members);
    }
  }

  private static GroupFile relay(GroupFile group, byte[] refreshId, MemberChannels<CosignerRefreshGrpc.CosignerRefreshBlockingStub> members)
      throws CoordinatorException {
    ByteString id = ByteString.copyFrom(refreshId);
    Map<Identifier, VssCommitment> commitments = new TreeMap<>();
    List<RefreshCommitment> wireCommitments = new ArrayList<>();
    for (GroupMember m : members.members()) {
      RefreshCommitment c = members.call(m, "round 1", s -> s.refreshRound1(RefreshRound1Request.newBuilder().setRefreshId(id).build())
          .getCommitment());
      try {
        if (!Identifier.decode(c.getIdentifier().toByteArray()).equals(m.identifier())) {
          throw new CoordinatorException("member " + m.index() + " answered round 1 for another identifier");
        }
        commitments.put(m.identifier(), VssCommitment.decode(c.getCommitment().toByteArray()));
      } catch (FrostException ex) {
        throw new CoordinatorException("member " + m.index() + " sent a malformed refresh commitment: " + ex.getMessage());
      }
      wireCommitments.add(c);
    }
    EnvelopeInbox inbox = new EnvelopeInbox("envelope");
    for (GroupMember m : members.members()) {
      inbox.deliver(m, members.call(m, "round 2", s -> s.refreshRound2(RefreshRound2Request.newBuilder().setRefreshId(id)
          .addAllCommitments(wireCommitments).build())).getEnvelopesList());
    }
    CertificateRound certificates = new CertificateRound();
    for (GroupMember m : members.members()) {
      certificates.add(m, members.call(m, "round 3", s -> s.refreshRound3(RefreshRound3Request.newBuilder().setRefreshId(id)
          .addAllCommitments(wireCommitments).addAllEnvelopes(inbox.to(m)).build())).getCertificate());
    }
    GroupFile refreshed;
    try {
      refreshed = group.refreshed(new GroupRefresh(refreshId, commitments, certificates.decoded()));
    } catch (FrostException e) {
      throw new CoordinatorException("the refresh's record does not verify: " + e.getMessage());
    }
    for (GroupMember m : members.members()) {
      MemberChannels.requireConfirmed(m, members.call(m, "confirmation", s -> s.refreshConfirm(RefreshConfirmRequest.newBuilder()
          .setRefreshId(id).addAllCertificates(certificates.wire()).build())).getOutputKey(), refreshed.outputKey());
    }
    return refreshed;
  }
}
