package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.EncryptedShare;
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
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
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
    Map<GroupMember, ManagedChannel> channels = new LinkedHashMap<>();
    try {
      for (GroupMember m : plan.members()) {
        channels.put(m, PinnedChannel.to(m.host(), m.port(), m.tlsSha256(), client));
      }
      return relay(plan, channels, timeout);
    } catch (IOException e) {
      throw new CoordinatorException("cannot open the relay's TLS identity: " + e.getMessage());
    } finally {
      channels.values().forEach(ManagedChannel::shutdownNow);
    }
  }

  private static GroupFile relay(GroupPlan plan, Map<GroupMember, ManagedChannel> channels, Duration timeout) throws CoordinatorException {
    ByteString ceremony = ByteString.copyFrom(plan.ceremonyId());
    Map<Identifier, Dkg.Round1Package> round1 = new TreeMap<>();
    List<DkgPackage> wirePackages = new ArrayList<>();
    for (var e : channels.entrySet()) {
      DkgPackage p = call(e.getKey(), "round 1", () -> stub(e.getValue(), timeout)
          .dkgRound1(DkgRound1Request.newBuilder().setCeremonyId(ceremony).build()).getPackage());
      try {
        if (!Identifier.decode(p.getIdentifier().toByteArray()).equals(e.getKey().identifier())) {
          throw new CoordinatorException("member " + e.getKey().index() + " answered round 1 for another identifier");
        }
        round1.put(e.getKey().identifier(), new Dkg.Round1Package(VssCommitment.decode(p.getCommitment().toByteArray()),
            ProofOfKnowledge.decode(ZfSecp256k1Taproot.INSTANCE, p.getProofOfKnowledge().toByteArray())));
      } catch (FrostException ex) {
        throw new CoordinatorException("member " + e.getKey().index() + " sent a malformed round-one package: " + ex.getMessage());
      }
      wirePackages.add(p);
    }
    Map<Identifier, List<ByteString>> inbox = new TreeMap<>();
    for (var e : channels.entrySet()) {
      var reply = call(e.getKey(), "round 2", () -> stub(e.getValue(), timeout)
          .dkgRound2(DkgRound2Request.newBuilder().setCeremonyId(ceremony).addAllPackages(wirePackages).build()));
      for (ByteString envelope : reply.getEnvelopesList()) {
        try {
          inbox.computeIfAbsent(EncryptedShare.decode(envelope.toByteArray()).recipient(), k -> new ArrayList<>()).add(envelope);
        } catch (FrostException ex) {
          throw new CoordinatorException("member " + e.getKey().index() + " sent a malformed envelope: " + ex.getMessage());
        }
      }
    }
    Map<Identifier, DkgCertificate> certificates = new TreeMap<>();
    List<ByteString> wireCertificates = new ArrayList<>();
    for (var e : channels.entrySet()) {
      var reply = call(e.getKey(), "round 3", () -> stub(e.getValue(), timeout).dkgRound3(DkgRound3Request.newBuilder()
          .setCeremonyId(ceremony).addAllPackages(wirePackages).addAllEnvelopes(inbox.getOrDefault(e.getKey().identifier(), List.of()))
          .build()));
      try {
        certificates.put(e.getKey().identifier(), DkgCertificate.decode(reply.getCertificate().toByteArray()));
      } catch (FrostException ex) {
        throw new CoordinatorException("member " + e.getKey().index() + " sent a malformed certificate: " + ex.getMessage());
      }
      wireCertificates.add(reply.getCertificate());
    }
    GroupFile group;
    try {
      group = GroupFile.verify(plan, round1, certificates);
    } catch (FrostException e) {
      throw new CoordinatorException("the ceremony's record does not verify: " + e.getMessage());
    }
    for (var e : channels.entrySet()) {
      var reply = call(e.getKey(), "confirmation", () -> stub(e.getValue(), timeout)
          .dkgConfirm(DkgConfirmRequest.newBuilder().setCeremonyId(ceremony).addAllCertificates(wireCertificates).build()));
      if (!Arrays.equals(reply.getOutputKey().toByteArray(), group.outputKey())) {
        throw new CoordinatorException("member " + e.getKey().index() + " confirmed output key "
            + HexFormat.of().formatHex(reply.getOutputKey().toByteArray()) + ", not " + HexFormat.of().formatHex(group.outputKey()));
      }
    }
    return group;
  }

  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  private static <T> T call(GroupMember member, String step, Call<T> call) throws CoordinatorException {
    try {
      return call.run();
    } catch (StatusRuntimeException e) {
      throw new CoordinatorException("member " + member.index() + " (" + member.host() + ":" + member.port() + ") failed " + step + ": "
          + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
    }
  }

  private static CosignerDkgGrpc.CosignerDkgBlockingStub stub(ManagedChannel channel, Duration timeout) {
    return CosignerDkgGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
