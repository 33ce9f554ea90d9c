package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.EncryptedShare;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.frost.RepairCeremony;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.proto.v1.CosignerRepairGrpc;
import dev.custos.proto.v1.RepairDeltasRequest;
import dev.custos.proto.v1.RepairDeltasResponse;
import dev.custos.proto.v1.RepairSigmaRequest;
import dev.custos.proto.v1.RepairSigmaResponse;
import dev.custos.service.cosigner.CosignerRefusal;
import dev.custos.service.cosigner.CosignerRefusedException;
import dev.custos.service.cosigner.GroupFile;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;

/**
 * {@code custos.v1.CosignerRepair} as one helper of a share repair whose caller only relays: on
 * {@code RepairDeltas} it binds itself to the relay's repair (fresh id, lost member, helper set)
 * and returns its deltas encrypted to the other helpers; on {@code RepairSigma}, for the same
 * repair, it opens the deltas addressed to it and returns its sigma encrypted to the lost member
 * ({@link RepairCeremony}, over <em>this helper's own</em> group file). Each step runs once; any
 * refusal ends the repair for this helper. A helper writes nothing: its share is unchanged.
 */
public final class RepairHelperService extends CosignerRepairGrpc.CosignerRepairImplBase {
  private enum Step { DELTAS, SIGMA, DONE }

  private final GroupFile group;
  private final CertifiedKey key;
  private final IdentityKey identity;
  private final SecureRandom random;
  private final CompletableFuture<RepairSessionDone> outcome = new CompletableFuture<>();
  private Step step = Step.DELTAS;
  private RepairSessionWire session;
  private RepairCeremony ceremony;
  private RepairCeremony.DeltasSent sent;

  /** What a helper did: the member it helped repair. */
  public record RepairSessionDone(int lostMember) {}

  /**
   * @param group this helper's verified group file (the version {@code key} belongs to)
   * @param key its opened internal key (not taken over)
   * @param identity its identity key (not taken over)
   */
  public RepairHelperService(GroupFile group, CertifiedKey key, IdentityKey identity, SecureRandom random) {
    this.group = group;
    this.key = key;
    this.identity = identity;
    this.random = random;
  }

  /** Completes once the sigma was sent, or exceptionally once refused. */
  public CompletableFuture<RepairSessionDone> outcome() {
    return outcome;
  }

  @Override
  public void repairDeltas(RepairDeltasRequest request, StreamObserver<RepairDeltasResponse> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        RepairSessionWire s = RepairSessionWire.parse(request.getSession());
        expect(Step.DELTAS);
        if (group.usedCeremonyId(s.repairId())) {
          throw fail(refusal("repair id was already used by this group (the DKG or a refresh)"));
        }
        ceremony = refusing(() -> new RepairCeremony(ZfSecp256k1Taproot.INSTANCE, group.plan().refreshContext(s.repairId()),
            group.transcriptHash(), s.lost(), s.helpers()));
        sent = refusing(() -> ceremony.helperDeltas(identity, key.keyPackage(), random));
        session = s;
        step = Step.SIGMA;
        return RepairDeltasResponse.newBuilder().addAllEnvelopes(CeremonyFields.wire(sent.envelopes().values())).build();
      }
    });
  }

  @Override
  public void repairSigma(RepairSigmaRequest request, StreamObserver<RepairSigmaResponse> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        RepairSessionWire s = RepairSessionWire.parse(request.getSession());
        expect(Step.SIGMA);
        if (!s.sameAs(session)) {
          throw refusal("not the repair this helper is running (repair id, lost member or helpers differ)");
        }
        var envelopes = CeremonyFields.envelopes(request.getEnvelopesList());
        RepairCeremony.DeltasSent mine = sent;
        sent = null;
        EncryptedShare sigma = refusing(() -> ceremony.sigma(identity, mine, envelopes, random));
        step = Step.DONE;
        outcome.complete(new RepairSessionDone(group.plan().members().stream()
            .filter(m -> m.identifier().equals(s.lost())).findFirst().orElseThrow().index()));
        return RepairSigmaResponse.newBuilder().setEnvelope(ByteString.copyFrom(sigma.encode())).build();
      }
    });
  }

  private void expect(Step expected) throws CosignerRefusedException {
    if (step != expected) {
      throw refusal("expected step " + step + ", not " + expected);
    }
  }

  private static CosignerRefusedException refusal(String message) {
    return new CosignerRefusedException(CosignerRefusal.REPAIR_REFUSED, message);
  }

  @FunctionalInterface
  private interface FrostStep<T> {
    T run() throws FrostException;
  }

  private <T> T refusing(FrostStep<T> step) throws CosignerRefusedException {
    try {
      return step.run();
    } catch (FrostException e) {
      throw fail(refusal(e.kind() + ": " + e.getMessage()));
    }
  }

  private CosignerRefusedException fail(CosignerRefusedException e) {
    step = Step.DONE;
    if (sent != null) {
      sent.close();
    }
    outcome.completeExceptionally(e);
    return e;
  }
}
