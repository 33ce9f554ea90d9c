package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.proto.v1.CosignerRepairGrpc;
import dev.custos.proto.v1.RepairDeltasRequest;
import dev.custos.proto.v1.RepairFinishRequest;
import dev.custos.proto.v1.RepairSession;
import dev.custos.proto.v1.RepairSigmaRequest;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupMember;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Relays the repair of one member's lost share by {@code t} (or more) helpers over
 * {@code custos.v1.CosignerRepair} (pinned mutual TLS): a fresh random repair id; every helper's
 * delta envelopes, delivered to their helpers; every helper's sigma envelope, delivered to the lost
 * member, which must confirm the group's output key. It holds no secret and sees only envelopes
 * it cannot open; the lost member checks the result against its own verifying share.
 */
public final class RepairRelay {
  private RepairRelay() {}

  /**
   * @param lost the member whose share is repaired (running {@code cosigner repair --lost})
   * @param helpers at least {@code t} other members (running {@code cosigner repair})
   */
  public static void run(GroupFile group, GroupMember lost, List<GroupMember> helpers, TlsIdentity client, Duration timeout,
      SecureRandom random) throws CoordinatorException {
    List<GroupMember> taking = new ArrayList<>(helpers);
    taking.add(lost);
    try (var members = MemberChannels.open(taking, client, timeout, CosignerRepairGrpc::newBlockingStub, "repair ")) {
      byte[] repairId = new byte[32];
      random.nextBytes(repairId);
      RepairSession.Builder session = RepairSession.newBuilder().setRepairId(ByteString.copyFrom(repairId))
          .setLost(ByteString.copyFrom(lost.identifier().encode()));
      helpers.forEach(h -> session.addHelpers(ByteString.copyFrom(h.identifier().encode())));
      relay(group, lost, helpers, session.build(), members);
    }
  }

  private static void relay(GroupFile group, GroupMember lost, List<GroupMember> helpers, RepairSession session,
      MemberChannels<CosignerRepairGrpc.CosignerRepairBlockingStub> members) throws CoordinatorException {
    EnvelopeInbox inbox = new EnvelopeInbox("delta envelope");
    for (GroupMember h : helpers) {
      inbox.deliver(h, members.call(h, "deltas", s -> s.repairDeltas(RepairDeltasRequest.newBuilder().setSession(session).build()))
          .getEnvelopesList());
    }
    List<ByteString> sigmas = new ArrayList<>();
    for (GroupMember h : helpers) {
      sigmas.add(members.call(h, "sigma", s -> s.repairSigma(RepairSigmaRequest.newBuilder().setSession(session)
          .addAllEnvelopes(inbox.to(h)).build())).getEnvelope());
    }
    MemberChannels.requireConfirmed(lost, members.call(lost, "finish", s -> s.repairFinish(RepairFinishRequest.newBuilder()
        .setSession(session).addAllEnvelopes(sigmas).build())).getOutputKey(), group.outputKey());
  }
}
