package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.IdentityKey;
import dev.custos.core.frost.KeyPackage;
import dev.custos.core.frost.RepairCeremony;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.proto.v1.CosignerRepairGrpc;
import dev.custos.proto.v1.RepairFinishRequest;
import dev.custos.proto.v1.RepairFinishResponse;
import dev.custos.service.cosigner.CosignerRefusal;
import dev.custos.service.cosigner.CosignerRefusedException;
import dev.custos.service.cosigner.GroupFile;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * {@code custos.v1.CosignerRepair} as the member whose share was lost: on {@code RepairFinish} it
 * opens one sigma from every helper (bound to the repair transcript over <em>its own</em> group
 * file), sums them, and accepts the result only if it is its verifying share in that group file
 * ({@link RepairCeremony#repair}); then the {@link Finisher} seals it <em>before</em> the reply.
 * Runs once; a refusal ends the repair and nothing is written.
 */
public final class RepairLostService extends CosignerRepairGrpc.CosignerRepairImplBase {
  /** Persists the repaired key (seals the share); takes no ownership. */
  @FunctionalInterface
  public interface Finisher {
    void finish(CertifiedKey repaired) throws Exception;
  }

  private final GroupFile group;
  private final Identifier self;
  private final IdentityKey identity;
  private final Finisher finisher;
  private final CompletableFuture<GroupFile> outcome = new CompletableFuture<>();
  private boolean done;

  /**
   * @param group this member's verified group file (its latest version)
   * @param self this member's identifier in it
   * @param identity its identity key (not taken over)
   */
  public RepairLostService(GroupFile group, Identifier self, IdentityKey identity, Finisher finisher) {
    this.group = group;
    this.self = self;
    this.identity = identity;
    this.finisher = finisher;
  }

  /** Completes with the group once the repaired share is sealed, or exceptionally once refused. */
  public CompletableFuture<GroupFile> outcome() {
    return outcome;
  }

  @Override
  public void repairFinish(RepairFinishRequest request, StreamObserver<RepairFinishResponse> responses) {
    RpcCalls.unary(responses, () -> {
      synchronized (this) {
        RepairSessionWire s = RepairSessionWire.parse(request.getSession());
        var envelopes = CeremonyFields.envelopes(request.getEnvelopesList());
        if (done) {
          throw refusal("this repair already ended");
        }
        if (!s.lost().equals(self)) {
          throw fail(refusal("the repair is for " + s.lost() + ", not this member " + self));
        }
        if (group.usedCeremonyId(s.repairId())) {
          throw fail(refusal("repair id was already used by this group (the DKG or a refresh)"));
        }
        KeyPackage repaired;
        try {
          RepairCeremony ceremony = new RepairCeremony(ZfSecp256k1Taproot.INSTANCE, group.plan().refreshContext(s.repairId()),
              group.transcriptHash(), self, s.helpers());
          repaired = ceremony.repair(identity, envelopes, group.internalKeys());
        } catch (FrostException e) {
          throw fail(refusal(e.kind() + ": " + e.getMessage()));
        }
        try (CertifiedKey key = new CertifiedKey(repaired, group.internalKeys(), group.transcriptHash())) {
          done = true;
          CeremonyEnd.persistThenComplete(outcome, () -> finisher.finish(key), group);
          return RepairFinishResponse.newBuilder().setOutputKey(ByteString.copyFrom(group.outputKey())).build();
        }
      }
    });
  }

  private static CosignerRefusedException refusal(String message) {
    return new CosignerRefusedException(CosignerRefusal.REPAIR_REFUSED, message);
  }

  private CosignerRefusedException fail(CosignerRefusedException e) {
    done = true;
    outcome.completeExceptionally(e);
    return e;
  }
}
