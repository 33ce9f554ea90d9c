package dev.custos.service.approval;

import dev.custos.core.approval.ApproverSet;
import dev.custos.core.approval.Proposal;
import dev.custos.core.approval.SpendApprovalRequest;
import dev.custos.core.keys.Network;
import dev.custos.store.ApproverRole;
import dev.custos.store.ProposalState;
import dev.custos.store.StoreException;
import dev.custos.store.StoredProposal;
import dev.custos.store.WriteTx;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.TxId;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The spend side of the quorum (issue 5 §2), inside the signing workflow's write transaction: a
 * PENDING_APPROVAL decision opens a spend request bound to the unsigned txid and the policy
 * context ({@link SpendApprovalRequest}); a resubmission of the same PSBT asks {@link #gate} whether
 * the approvers have approved it (and its delay has passed) before anything is signed.
 */
public final class SpendApprovals {
  private SpendApprovals() {}

  /**
   * Opens the spend request of pending approval {@code pendingId}, if a spend (or admin) approver
   * set exists; returns its id. Audited with the caller's transaction.
   */
  public static Optional<String> open(WriteTx tx, String pendingId, String walletId, String unsignedTxid, long policyVersion,
      List<String> approvalTags, long amountLeavingSat, String initiator, Network network, ApprovalTimes times, SecureRandom random,
      Instant now) throws StoreException {
    Optional<ApproverSet> set = ApproverSets.current(tx, ApproverRole.SPEND, network);
    if (set.isEmpty()) {
      return Optional.empty();
    }
    SpendApprovalRequest request = new SpendApprovalRequest(walletId, new TxId(unsignedTxid), policyVersion,
        approvalTags.stream().sorted().distinct().toList(), amountLeavingSat, initiator);
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    Instant created = now.truncatedTo(ChronoUnit.SECONDS);
    Proposal p = request.toProposal(network, new ByteVector32(nonce), created, created.plus(times.expiry()).plus(times.spendDelay()));
    StoredProposal sp = new StoredProposal(p, initiator, ProposalState.PENDING, Optional.empty(), now);
    tx.addProposal(sp);
    tx.linkSpendProposal(pendingId, p.hash());
    QuorumService.auditCreated(tx, sp, now);
    return Optional.of(p.hash().hex());
  }

  /** Settles the spend request of {@code pendingId} and says whether it may be signed now. */
  public static SpendGate gate(WriteTx tx, String pendingId, Network network, ApprovalTimes times, Instant now) throws StoreException {
    Optional<dev.custos.core.approval.RequestHash> hash = tx.spendProposal(pendingId);
    if (hash.isEmpty()) {
      return new SpendGate.NoQuorum();
    }
    String id = hash.get().hex();
    StoredProposal sp = tx.proposal(hash.get()).orElseThrow(() -> new StoreException("spend request " + id + " is linked but missing"));
    sp = Settlement.settle(tx, sp, network, times, now);
    return switch (sp.state()) {
      case PENDING -> new SpendGate.Collecting(id, tx.approvals(hash.get()).stream()
          .filter(a -> a.action() == dev.custos.core.approval.ApprovalAction.APPROVE).count(),
          Settlement.approvers(tx, sp.proposal().kind(), network).threshold());
      case SCHEDULED -> now.isBefore(sp.scheduledAt().orElseThrow())
          ? new SpendGate.Waiting(id, sp.scheduledAt().get())
          : new SpendGate.Open(id, true);
      case APPLIED -> new SpendGate.Open(id, false);
      case REJECTED, CANCELLED, EXPIRED -> new SpendGate.Refused(id, "spend request " + id + " is " + sp.state());
    };
  }

  /** Marks an opened spend request as released (applied), with its audit record. */
  public static void released(WriteTx tx, String requestId, Instant now) throws StoreException {
    StoredProposal sp = tx.proposal(new dev.custos.core.approval.RequestHash(ByteVector32.fromValidHex(requestId)))
        .orElseThrow(() -> new StoreException("spend request " + requestId + " is missing"));
    Settlement.move(tx, sp, ProposalState.APPLIED, sp.scheduledAt(), now, "signature released");
  }
}
