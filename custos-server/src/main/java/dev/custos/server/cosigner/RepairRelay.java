package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.EncryptedShare;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.proto.v1.CosignerRepairGrpc;
import dev.custos.proto.v1.RepairDeltasRequest;
import dev.custos.proto.v1.RepairFinishRequest;
import dev.custos.proto.v1.RepairSession;
import dev.custos.proto.v1.RepairSigmaRequest;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupMember;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

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
    Map<GroupMember, ManagedChannel> channels = new LinkedHashMap<>();
    try {
      for (GroupMember m : helpers) {
        channels.put(m, PinnedChannel.to(m.host(), m.port(), m.tlsSha256(), client));
      }
      channels.put(lost, PinnedChannel.to(lost.host(), lost.port(), lost.tlsSha256(), client));
      byte[] repairId = new byte[32];
      random.nextBytes(repairId);
      RepairSession.Builder session = RepairSession.newBuilder().setRepairId(ByteString.copyFrom(repairId))
          .setLost(ByteString.copyFrom(lost.identifier().encode()));
      helpers.forEach(h -> session.addHelpers(ByteString.copyFrom(h.identifier().encode())));
      relay(group, lost, helpers, session.build(), channels, timeout);
    } catch (IOException e) {
      throw new CoordinatorException("cannot open the relay's TLS identity: " + e.getMessage());
    } finally {
      channels.values().forEach(ManagedChannel::shutdownNow);
    }
  }

  private static void relay(GroupFile group, GroupMember lost, List<GroupMember> helpers, RepairSession session,
      Map<GroupMember, ManagedChannel> channels, Duration timeout) throws CoordinatorException {
    Map<Identifier, List<ByteString>> inbox = new TreeMap<>();
    for (GroupMember h : helpers) {
      var reply = call(h, "deltas", () -> stub(channels.get(h), timeout)
          .repairDeltas(RepairDeltasRequest.newBuilder().setSession(session).build()));
      for (ByteString envelope : reply.getEnvelopesList()) {
        try {
          inbox.computeIfAbsent(EncryptedShare.decode(envelope.toByteArray()).recipient(), k -> new ArrayList<>()).add(envelope);
        } catch (FrostException ex) {
          throw new CoordinatorException("member " + h.index() + " sent a malformed delta envelope: " + ex.getMessage());
        }
      }
    }
    List<ByteString> sigmas = new ArrayList<>();
    for (GroupMember h : helpers) {
      sigmas.add(call(h, "sigma", () -> stub(channels.get(h), timeout).repairSigma(RepairSigmaRequest.newBuilder().setSession(session)
          .addAllEnvelopes(inbox.getOrDefault(h.identifier(), List.of())).build())).getEnvelope());
    }
    var reply = call(lost, "finish", () -> stub(channels.get(lost), timeout)
        .repairFinish(RepairFinishRequest.newBuilder().setSession(session).addAllEnvelopes(sigmas).build()));
    if (!Arrays.equals(reply.getOutputKey().toByteArray(), group.outputKey())) {
      throw new CoordinatorException("member " + lost.index() + " confirmed output key "
          + HexFormat.of().formatHex(reply.getOutputKey().toByteArray()) + ", not " + HexFormat.of().formatHex(group.outputKey()));
    }
  }

  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  private static <T> T call(GroupMember member, String step, Call<T> call) throws CoordinatorException {
    try {
      return call.run();
    } catch (StatusRuntimeException e) {
      throw new CoordinatorException("member " + member.index() + " (" + member.host() + ":" + member.port() + ") failed repair " + step
          + ": " + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
    }
  }

  private static CosignerRepairGrpc.CosignerRepairBlockingStub stub(ManagedChannel channel, Duration timeout) {
    return CosignerRepairGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
