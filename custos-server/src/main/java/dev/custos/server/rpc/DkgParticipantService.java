package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.DkgCeremony;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.EncryptedShare;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.frost.ProofOfKnowledge;
import dev.custos.core.frost.VssCommitment;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.proto.v1.CosignerDkgGrpc;
import dev.custos.proto.v1.DkgConfirmRequest;
import dev.custos.proto.v1.DkgConfirmResponse;
import dev.custos.proto.v1.DkgPackage;
import dev.custos.proto.v1.DkgRound1Request;
import dev.custos.proto.v1.DkgRound1Response;
import dev.custos.proto.v1.DkgRound2Request;
import dev.custos.proto.v1.DkgRound2Response;
import dev.custos.proto.v1.DkgRound3Request;
import dev.custos.proto.v1.DkgRound3Response;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.cosigner.CosignerRefusal;
import dev.custos.service.cosigner.CosignerRefusedException;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupPlan;
import io.grpc.stub.StreamObserver;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code custos.v1.CosignerDkg} (cosigner.proto): one participant's side of a DKG whose caller
 * only relays. Each step runs once, in order, on {@link DkgCeremony}, which checks every package,
 * envelope and certificate itself; the plan (ceremony id, members, identity keys, threshold) is
 * the participant's own copy, never the caller's. Any refusal ends the ceremony for this
 * participant. On confirmation the {@link Finisher} seals the share and writes the group file
 * <em>before</em> the reply; {@link #outcome()} completes then.
 */
public final class DkgParticipantService extends CosignerDkgGrpc.CosignerDkgImplBase {
  /** Persists the certified key and its verified group file (seals the share); takes no ownership. */
  @FunctionalInterface
  public interface Finisher {
    void finish(CertifiedKey key, GroupFile group) throws Exception;
  }

  private enum Step { ROUND2, ROUND3, CONFIRM, DONE }

  private final GroupPlan plan;
  private final IdentityKey identity;
  private final DkgCeremony ceremony;
  private final SecureRandom random;
  private final Finisher finisher;
  private final CompletableFuture<GroupFile> outcome = new CompletableFuture<>();
  private final Identifier self;
  private final Dkg.Round1 round1;
  private Step step = Step.ROUND2;
  private DkgCeremony.SharesSent sent;
  private DkgCeremony.Unconfirmed pending;
  private Map<Identifier, Dkg.Round1Package> packages;

  /** @param identity this participant's identity key (not taken over) */
  public DkgParticipantService(GroupPlan plan, Identifier self, IdentityKey identity, SecureRandom random, Finisher finisher)
      throws FrostException {
    this.plan = plan;
    this.identity = identity;
    this.ceremony = new DkgCeremony(ZfSecp256k1Taproot.INSTANCE, plan.dkgContext(), self);
    this.random = random;
    this.finisher = finisher;
    this.self = self;
    this.round1 = ceremony.round1(random);
  }

  /** Completes with the group once confirmed and persisted, or exceptionally once refused. */
  public CompletableFuture<GroupFile> outcome() {
    return outcome;
  }

  @Override
  public void dkgRound1(DkgRound1Request request, StreamObserver<DkgRound1Response> responses) {
    RpcCalls.unary(responses, () -> {
      ceremony(request.getCeremonyId());
      return DkgRound1Response.newBuilder().setPackage(wire(round1.broadcast().commitment(), round1.broadcast().proofOfKnowledge(),
          self)).build();
    });
  }

  @Override
  public void dkgRound2(DkgRound2Request request, StreamObserver<DkgRound2Response> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        ceremony(request.getCeremonyId());
        expect(Step.ROUND2);
        Map<Identifier, Dkg.Round1Package> all = packages(request.getPackagesList());
        sent = refusing(() -> ceremony.round2(identity, round1, all, random));
        step = Step.ROUND3;
        return DkgRound2Response.newBuilder().addAllEnvelopes(CeremonyFields.wire(sent.envelopes().values())).build();
      }
    });
  }

  @Override
  public void dkgRound3(DkgRound3Request request, StreamObserver<DkgRound3Response> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        ceremony(request.getCeremonyId());
        expect(Step.ROUND3);
        Map<Identifier, Dkg.Round1Package> all = packages(request.getPackagesList());
        List<EncryptedShare> envelopes = CeremonyFields.envelopes(request.getEnvelopesList());
        pending = refusing(() -> ceremony.round3(identity, sent, all, envelopes, random));
        packages = all;
        step = Step.CONFIRM;
        return DkgRound3Response.newBuilder().setCertificate(ByteString.copyFrom(pending.certificate().encode())).build();
      }
    });
  }

  @Override
  public void dkgConfirm(DkgConfirmRequest request, StreamObserver<DkgConfirmResponse> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        ceremony(request.getCeremonyId());
        expect(Step.CONFIRM);
        Map<Identifier, DkgCertificate> certificates = CeremonyFields.certificates(request.getCertificatesList());
        try (CertifiedKey key = refusing(() -> ceremony.confirm(pending, new ArrayList<>(certificates.values())))) {
          GroupFile group = refusing(() -> GroupFile.verify(plan, packages, certificates));
          if (!group.internalKeys().groupKey().equals(key.publicKeyPackage().groupKey())) {
            throw fail(new CosignerRefusedException(CosignerRefusal.DKG_REFUSED, "the group file's key is not the certified key"));
          }
          step = Step.DONE;
          CeremonyEnd.persistThenComplete(outcome, () -> finisher.finish(key, group), group);
          return DkgConfirmResponse.newBuilder().setOutputKey(ByteString.copyFrom(group.outputKey())).build();
        }
      }
    });
  }

  private void ceremony(ByteString id) throws CosignerRefusedException {
    if (!MessageDigest.isEqual(id.toByteArray(), plan.ceremonyId())) {
      throw new CosignerRefusedException(CosignerRefusal.DKG_REFUSED, "ceremony id is not the one of this participant's plan");
    }
  }

  private void expect(Step expected) throws CosignerRefusedException {
    if (step != expected) {
      throw new CosignerRefusedException(CosignerRefusal.DKG_REFUSED, "expected step " + step + ", not " + expected);
    }
  }

  private Map<Identifier, Dkg.Round1Package> packages(List<DkgPackage> wire) {
    Map<Identifier, Dkg.Round1Package> all = new TreeMap<>();
    for (int i = 0; i < wire.size(); i++) {
      DkgPackage p = wire.get(i);
      String where = "packages[" + i + "]";
      Identifier id = CeremonyFields.decoded(where + ".identifier", () -> Identifier.decode(p.getIdentifier().toByteArray()));
      VssCommitment c = CeremonyFields.decoded(where + ".commitment", () -> VssCommitment.decode(p.getCommitment().toByteArray()));
      ProofOfKnowledge pok = CeremonyFields.decoded(where + ".proof_of_knowledge",
          () -> ProofOfKnowledge.decode(ZfSecp256k1Taproot.INSTANCE, p.getProofOfKnowledge().toByteArray()));
      if (all.put(id, new Dkg.Round1Package(c, pok)) != null) {
        throw new RpcFailure.InvalidArgument(where, "a second package for " + id);
      }
    }
    if (all.size() != plan.members().size()) {
      throw new RpcFailure.InvalidArgument("packages", "need " + plan.members().size() + ", got " + all.size());
    }
    return all;
  }

  /** The wire form of a round-one package. */
  static DkgPackage wire(VssCommitment commitment, ProofOfKnowledge proof, Identifier id) {
    return DkgPackage.newBuilder().setIdentifier(ByteString.copyFrom(id.encode()))
        .setCommitment(ByteString.copyFrom(commitment.encode()))
        .setProofOfKnowledge(ByteString.copyFrom(proof.encode(ZfSecp256k1Taproot.INSTANCE))).build();
  }

  @FunctionalInterface
  private interface FrostStep<T> {
    T run() throws FrostException;
  }

  /** Runs a ceremony step; a refusal ends the ceremony for this participant. */
  private <T> T refusing(FrostStep<T> step) throws CosignerRefusedException {
    try {
      return step.run();
    } catch (FrostException e) {
      throw fail(new CosignerRefusedException(CosignerRefusal.DKG_REFUSED, e.kind() + ": " + e.getMessage()));
    }
  }

  private CosignerRefusedException fail(CosignerRefusedException e) {
    step = Step.DONE;
    if (pending != null) {
      pending.close();
    }
    outcome.completeExceptionally(e);
    return e;
  }
}
