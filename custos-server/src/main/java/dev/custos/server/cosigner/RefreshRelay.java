package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.EncryptedShare;
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
    Map<GroupMember, ManagedChannel> channels = new LinkedHashMap<>();
    try {
      for (GroupMember m : group.plan().members()) {
        channels.put(m, PinnedChannel.to(m.host(), m.port(), m.tlsSha256(), client));
      }
      byte[] refreshId = new byte[32];
      random.nextBytes(refreshId);
      return relay(group, refreshId, channels, timeout);
    } catch (IOException e) {
      throw new CoordinatorException("cannot open the relay's TLS identity: " + e.getMessage());
    } finally {
      channels.values().forEach(ManagedChannel::shutdownNow);
    }
  }

  private static GroupFile relay(GroupFile group, byte[] refreshId, Map<GroupMember, ManagedChannel> channels, Duration timeout)
      throws CoordinatorException {
    ByteString id = ByteString.copyFrom(refreshId);
    Map<Identifier, VssCommitment> commitments = new TreeMap<>();
    List<RefreshCommitment> wireCommitments = new ArrayList<>();
    for (var e : channels.entrySet()) {
      RefreshCommitment c = call(e.getKey(), "round 1", () -> stub(e.getValue(), timeout)
          .refreshRound1(RefreshRound1Request.newBuilder().setRefreshId(id).build()).getCommitment());
      try {
        if (!Identifier.decode(c.getIdentifier().toByteArray()).equals(e.getKey().identifier())) {
          throw new CoordinatorException("member " + e.getKey().index() + " answered round 1 for another identifier");
        }
        commitments.put(e.getKey().identifier(), VssCommitment.decode(c.getCommitment().toByteArray()));
      } catch (FrostException ex) {
        throw new CoordinatorException("member " + e.getKey().index() + " sent a malformed refresh commitment: " + ex.getMessage());
      }
      wireCommitments.add(c);
    }
    Map<Identifier, List<ByteString>> inbox = new TreeMap<>();
    for (var e : channels.entrySet()) {
      var reply = call(e.getKey(), "round 2", () -> stub(e.getValue(), timeout)
          .refreshRound2(RefreshRound2Request.newBuilder().setRefreshId(id).addAllCommitments(wireCommitments).build()));
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
      var reply = call(e.getKey(), "round 3", () -> stub(e.getValue(), timeout).refreshRound3(RefreshRound3Request.newBuilder()
          .setRefreshId(id).addAllCommitments(wireCommitments).addAllEnvelopes(inbox.getOrDefault(e.getKey().identifier(), List.of()))
          .build()));
      try {
        certificates.put(e.getKey().identifier(), DkgCertificate.decode(reply.getCertificate().toByteArray()));
      } catch (FrostException ex) {
        throw new CoordinatorException("member " + e.getKey().index() + " sent a malformed certificate: " + ex.getMessage());
      }
      wireCertificates.add(reply.getCertificate());
    }
    GroupFile refreshed;
    try {
      refreshed = group.refreshed(new GroupRefresh(refreshId, commitments, certificates));
    } catch (FrostException e) {
      throw new CoordinatorException("the refresh's record does not verify: " + e.getMessage());
    }
    for (var e : channels.entrySet()) {
      var reply = call(e.getKey(), "confirmation", () -> stub(e.getValue(), timeout)
          .refreshConfirm(RefreshConfirmRequest.newBuilder().setRefreshId(id).addAllCertificates(wireCertificates).build()));
      if (!Arrays.equals(reply.getOutputKey().toByteArray(), refreshed.outputKey())) {
        throw new CoordinatorException("member " + e.getKey().index() + " confirmed output key "
            + HexFormat.of().formatHex(reply.getOutputKey().toByteArray()) + ", not " + HexFormat.of().formatHex(refreshed.outputKey()));
      }
    }
    return refreshed;
  }

  @FunctionalInterface
  private interface Call<T> {
    T run();
  }

  private static <T> T call(GroupMember member, String step, Call<T> call) throws CoordinatorException {
    try {
      return call.run();
    } catch (StatusRuntimeException e) {
      throw new CoordinatorException("member " + member.index() + " (" + member.host() + ":" + member.port() + ") failed refresh " + step
          + ": " + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
    }
  }

  private static CosignerRefreshGrpc.CosignerRefreshBlockingStub stub(ManagedChannel channel, Duration timeout) {
    return CosignerRefreshGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
