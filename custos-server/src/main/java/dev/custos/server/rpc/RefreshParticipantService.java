package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.CertifiedKey;
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
import dev.custos.proto.v1.CosignerRefreshGrpc;
import dev.custos.proto.v1.RefreshCommitment;
import dev.custos.proto.v1.RefreshConfirmRequest;
import dev.custos.proto.v1.RefreshConfirmResponse;
import dev.custos.proto.v1.RefreshRound1Request;
import dev.custos.proto.v1.RefreshRound1Response;
import dev.custos.proto.v1.RefreshRound2Request;
import dev.custos.proto.v1.RefreshRound2Response;
import dev.custos.proto.v1.RefreshRound3Request;
import dev.custos.proto.v1.RefreshRound3Response;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.cosigner.CosignerRefusal;
import dev.custos.service.cosigner.CosignerRefusedException;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupRefresh;
import io.grpc.stub.StreamObserver;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code custos.v1.CosignerRefresh} (cosigner.proto): one participant's side of a share refresh
 * whose caller only relays. {@code RefreshRound1} binds the participant to the relay's fresh
 * refresh id (one that the participant's group file has not used yet); a relay that starts over
 * with another id before round two gets a new commitment (nothing secret left the participant
 * yet), after that the id is fixed. Then each step runs
 * once, in order, on {@link RefreshCeremony}, which checks every commitment, envelope and
 * certificate over the refresh transcript chained to <em>this participant's own</em> group file.
 * On confirmation the refreshed group is verified ({@link GroupFile#refreshed}) and the
 * {@link Finisher} re-seals the share and replaces the group file <em>before</em> the reply;
 * {@link #outcome()} completes then. Any refusal ends the refresh for this participant and keeps
 * its old share.
 */
public final class RefreshParticipantService extends CosignerRefreshGrpc.CosignerRefreshImplBase {
  /** Persists the refreshed key and its verified group file (re-seals the share); takes no ownership. */
  @FunctionalInterface
  public interface Finisher {
    void finish(CertifiedKey refreshed, GroupFile group) throws Exception;
  }

  private enum Step { ROUND1, ROUND2, ROUND3, CONFIRM, DONE }

  private final GroupFile group;
  private final CertifiedKey key;
  private final IdentityKey identity;
  private final SecureRandom random;
  private final Finisher finisher;
  private final Identifier self;
  private final CompletableFuture<GroupFile> outcome = new CompletableFuture<>();
  private Step step = Step.ROUND1;
  private byte[] refreshId;
  private RefreshCeremony ceremony;
  private ShareRefresh.Round1 round1;
  private RefreshCeremony.DeltasSent sent;
  private DkgCeremony.Unconfirmed pending;
  private Map<Identifier, VssCommitment> commitments;

  /**
   * @param group this participant's verified group file (the version {@code key} belongs to)
   * @param key its opened internal key (not taken over: the caller closes it)
   * @param identity its identity key (not taken over)
   */
  public RefreshParticipantService(GroupFile group, CertifiedKey key, IdentityKey identity, SecureRandom random, Finisher finisher) {
    this.group = group;
    this.key = key;
    this.identity = identity;
    this.random = random;
    this.finisher = finisher;
    this.self = key.keyPackage().identifier();
  }

  /** Completes with the refreshed group once confirmed and persisted, or exceptionally once refused. */
  public CompletableFuture<GroupFile> outcome() {
    return outcome;
  }

  @Override
  public void refreshRound1(RefreshRound1Request request, StreamObserver<RefreshRound1Response> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        byte[] id = request.getRefreshId().toByteArray();
        if (id.length != 32) {
          throw new RpcFailure.InvalidArgument("refresh_id", "must be 32 bytes, got " + id.length);
        }
        boolean rebind = step == Step.ROUND2 && !MessageDigest.isEqual(id, refreshId);
        if (step == Step.ROUND1 || rebind) {
          if (rebind) {
            round1.secret().close();
          }
          if (group.usedCeremonyId(id)) {
            throw fail(refusal("refresh id was already used by this group (the DKG or an earlier refresh)"));
          }
          ceremony = refusing(() -> new RefreshCeremony(ZfSecp256k1Taproot.INSTANCE, group.plan().refreshContext(id), key));
          round1 = refusing(() -> ceremony.round1(random));
          refreshId = id;
          step = Step.ROUND2;
        } else {
          refresh(request.getRefreshId());
        }
        return RefreshRound1Response.newBuilder().setCommitment(wire(self, round1.commitment())).build();
      }
    });
  }

  @Override
  public void refreshRound2(RefreshRound2Request request, StreamObserver<RefreshRound2Response> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        expect(Step.ROUND2);
        refresh(request.getRefreshId());
        Map<Identifier, VssCommitment> all = commitments(request.getCommitmentsList());
        sent = refusing(() -> ceremony.round2(identity, round1, all, random));
        step = Step.ROUND3;
        return RefreshRound2Response.newBuilder().addAllEnvelopes(CeremonyFields.wire(sent.envelopes().values())).build();
      }
    });
  }

  @Override
  public void refreshRound3(RefreshRound3Request request, StreamObserver<RefreshRound3Response> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        expect(Step.ROUND3);
        refresh(request.getRefreshId());
        Map<Identifier, VssCommitment> all = commitments(request.getCommitmentsList());
        List<EncryptedShare> envelopes = CeremonyFields.envelopes(request.getEnvelopesList());
        pending = refusing(() -> ceremony.round3(identity, sent, all, envelopes, random));
        commitments = all;
        step = Step.CONFIRM;
        return RefreshRound3Response.newBuilder().setCertificate(ByteString.copyFrom(pending.certificate().encode())).build();
      }
    });
  }

  @Override
  public void refreshConfirm(RefreshConfirmRequest request, StreamObserver<RefreshConfirmResponse> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        expect(Step.CONFIRM);
        refresh(request.getRefreshId());
        Map<Identifier, DkgCertificate> certificates = CeremonyFields.certificates(request.getCertificatesList());
        try (CertifiedKey refreshed = refusing(() -> ceremony.confirm(pending, new ArrayList<>(certificates.values())))) {
          GroupFile next = refusing(() -> group.refreshed(new GroupRefresh(refreshId, commitments, certificates)));
          if (!MessageDigest.isEqual(next.transcriptHash(), refreshed.transcriptHash())
              || !next.internalKeys().equals(refreshed.publicKeyPackage())) {
            throw fail(refusal("the refreshed group file is not the certified refreshed key"));
          }
          step = Step.DONE;
          CeremonyEnd.persistThenComplete(outcome, () -> finisher.finish(refreshed, next), next);
          return RefreshConfirmResponse.newBuilder().setOutputKey(ByteString.copyFrom(next.outputKey())).build();
        }
      }
    });
  }

  private void refresh(ByteString id) throws CosignerRefusedException {
    if (refreshId == null || !MessageDigest.isEqual(id.toByteArray(), refreshId)) {
      throw refusal("refresh id is not the one this participant is running");
    }
  }

  private void expect(Step expected) throws CosignerRefusedException {
    if (step != expected) {
      throw refusal("expected step " + step + ", not " + expected);
    }
  }

  private Map<Identifier, VssCommitment> commitments(List<RefreshCommitment> wire) {
    Map<Identifier, VssCommitment> all = new TreeMap<>();
    for (int i = 0; i < wire.size(); i++) {
      RefreshCommitment c = wire.get(i);
      String where = "commitments[" + i + "]";
      Identifier id = CeremonyFields.decoded(where + ".identifier", () -> Identifier.decode(c.getIdentifier().toByteArray()));
      VssCommitment commitment = CeremonyFields.decoded(where + ".commitment",
          () -> VssCommitment.decode(c.getCommitment().toByteArray()));
      if (all.put(id, commitment) != null) {
        throw new RpcFailure.InvalidArgument(where, "a second commitment for " + id);
      }
    }
    if (all.size() != group.plan().members().size()) {
      throw new RpcFailure.InvalidArgument("commitments", "need " + group.plan().members().size() + ", got " + all.size());
    }
    return all;
  }

  /** The wire form of a refresh commitment. */
  static RefreshCommitment wire(Identifier id, VssCommitment commitment) {
    return RefreshCommitment.newBuilder().setIdentifier(ByteString.copyFrom(id.encode()))
        .setCommitment(ByteString.copyFrom(commitment.encode())).build();
  }

  @FunctionalInterface
  private interface FrostStep<T> {
    T run() throws FrostException;
  }

  private static CosignerRefusedException refusal(String message) {
    return new CosignerRefusedException(CosignerRefusal.REFRESH_REFUSED, message);
  }

  /** Runs a ceremony step; a refusal ends the refresh for this participant. */
  private <T> T refusing(FrostStep<T> step) throws CosignerRefusedException {
    try {
      return step.run();
    } catch (FrostException e) {
      throw fail(refusal(e.kind() + ": " + e.getMessage()));
    }
  }

  private CosignerRefusedException fail(CosignerRefusedException e) {
    step = Step.DONE;
    if (round1 != null) {
      round1.secret().close();
    }
    if (sent != null) {
      sent.close();
    }
    if (pending != null) {
      pending.close();
    }
    outcome.completeExceptionally(e);
    return e;
  }
}
