package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.ProofOfKnowledge;
import dev.custos.core.frost.VssCommitment;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.proto.v1.CosignerDkgGrpc;
import dev.custos.proto.v1.DkgConfirmRequest;
import dev.custos.proto.v1.DkgPackage;
import dev.custos.proto.v1.DkgRound1Request;
import dev.custos.proto.v1.DkgRound2Request;
import dev.custos.proto.v1.DkgRound3Request;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupMember;
import dev.custos.service.cosigner.GroupPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Relays a DKG ceremony among the members of a {@link GroupPlan} over {@code custos.v1.CosignerDkg}
 * (pinned mutual TLS). It holds no secret and decides nothing the participants do not check
 * again: it gathers the round-one packages, hands all of them to everyone, delivers each
 * encrypted share to its recipient, gathers the certificates and hands all of them to everyone.
 * It then checks that every participant confirmed the same output key and returns the
 * {@link GroupFile#verify verified} group, the public record of the ceremony.
 */
public final class DkgRelay {
  private DkgRelay() {}

  public static GroupFile run(GroupPlan plan, TlsIdentity client, Duration timeout) throws CoordinatorException {
    try (var members = MemberChannels.open(plan.members(), client, timeout, CosignerDkgGrpc::newBlockingStub, "")) {
      return relay(plan, members);
    }
  }

  private static GroupFile relay(GroupPlan plan, MemberChannels<CosignerDkgGrpc.CosignerDkgBlockingStub> members)
      throws CoordinatorException {
    ByteString ceremony = ByteString.copyFrom(plan.ceremonyId());
    Map<Identifier, Dkg.Round1Package> round1 = new TreeMap<>();
    List<DkgPackage> wirePackages = new ArrayList<>();
    for (GroupMember m : members.members()) {
      DkgPackage p = members.call(m, "round 1", s -> s.dkgRound1(DkgRound1Request.newBuilder().setCeremonyId(ceremony).build())
          .getPackage());
      try {
        if (!Identifier.decode(p.getIdentifier().toByteArray()).equals(m.identifier())) {
          throw new CoordinatorException("member " + m.index() + " answered round 1 for another identifier");
        }
        round1.put(m.identifier(), new Dkg.Round1Package(VssCommitment.decode(p.getCommitment().toByteArray()),
            ProofOfKnowledge.decode(ZfSecp256k1Taproot.INSTANCE, p.getProofOfKnowledge().toByteArray())));
      } catch (FrostException ex) {
        throw new CoordinatorException("member " + m.index() + " sent a malformed round-one package: " + ex.getMessage());
      }
      wirePackages.add(p);
    }
    EnvelopeInbox inbox = new EnvelopeInbox("envelope");
    for (GroupMember m : members.members()) {
      inbox.deliver(m, members.call(m, "round 2", s -> s.dkgRound2(DkgRound2Request.newBuilder().setCeremonyId(ceremony)
          .addAllPackages(wirePackages).build())).getEnvelopesList());
    }
    CertificateRound certificates = new CertificateRound();
    for (GroupMember m : members.members()) {
      certificates.add(m, members.call(m, "round 3", s -> s.dkgRound3(DkgRound3Request.newBuilder().setCeremonyId(ceremony)
          .addAllPackages(wirePackages).addAllEnvelopes(inbox.to(m)).build())).getCertificate());
    }
    GroupFile group;
    try {
      group = GroupFile.verify(plan, round1, certificates.decoded());
    } catch (FrostException e) {
      throw new CoordinatorException("the ceremony's record does not verify: " + e.getMessage());
    }
    for (GroupMember m : members.members()) {
      MemberChannels.requireConfirmed(m, members.call(m, "confirmation", s -> s.dkgConfirm(DkgConfirmRequest.newBuilder()
          .setCeremonyId(ceremony).addAllCertificates(certificates.wire()).build())).getOutputKey(), group.outputKey());
    }
    return group;
  }
}
