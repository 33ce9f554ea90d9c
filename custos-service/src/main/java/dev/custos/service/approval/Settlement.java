package dev.custos.service.approval;

import dev.custos.core.approval.ApproverSet;
import dev.custos.core.approval.Proposal;
import dev.custos.core.approval.ProposalKind;
import dev.custos.core.approval.QuorumContext;
import dev.custos.core.approval.QuorumEvaluator;
import dev.custos.core.approval.QuorumOutcome;
import dev.custos.core.approval.SubmittedApproval;
import dev.custos.core.audit.AuditType;
import dev.custos.core.keys.Network;
import dev.custos.core.message.ApproverKey;
import dev.custos.service.audit.AuditTrail;
import dev.custos.store.ApproverRole;
import dev.custos.store.ProposalState;
import dev.custos.store.ReadTx;
import dev.custos.store.StoreException;
import dev.custos.store.StoredApproval;
import dev.custos.store.StoredProposal;
import dev.custos.store.WriteTx;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves an open proposal to the state its stored approvals give it now, re-verifying every stored
 * signature with {@link QuorumEvaluator} (a row inserted behind Custos's back does not count):
 * a counted reject → REJECTED (CANCELLED when it was SCHEDULED); a quorum → SCHEDULED at
 * {@code reachedAt + delay}, and an administrative change whose time has come is applied (APPLIED)
 * with its audit records; an expired proposal without quorum, or an approved spend not signed
 * before its expiry → EXPIRED. Every change of state is audited.
 */
final class Settlement {
  private Settlement() {}

  static ApproverRole roleOf(ProposalKind kind) {
    return kind.administrative() ? ApproverRole.ADMIN : ApproverRole.SPEND;
  }

  static Duration delayOf(ProposalKind kind, ApprovalTimes times) {
    return kind == ProposalKind.SPEND ? times.spendDelay() : times.cooldown();
  }

  static ApproverSet approvers(ReadTx tx, ProposalKind kind, Network network) throws StoreException {
    return ApproverSets.current(tx, roleOf(kind), network)
        .orElseThrow(() -> new StoreException("no " + roleOf(kind).id() + " approver set is stored"));
  }

  static QuorumContext context(ApproverSet set, StoredProposal sp, Instant now) {
    Set<dev.custos.core.approval.RequestHash> applied = sp.state() == ProposalState.APPLIED ? Set.of(sp.proposal().hash()) : Set.of();
    Optional<String> initiator = set.find(sp.initiator()).map(ApproverKey::id);
    return new QuorumContext(set, sp.proposal(), initiator, applied, now);
  }

  static List<SubmittedApproval> submissions(List<StoredApproval> stored) {
    return stored.stream().map(a -> new SubmittedApproval(a.approverId(), a.action(), a.format(), a.signature(), Optional.empty(), a.receivedAt()))
        .toList();
  }

  static StoredProposal settle(WriteTx tx, StoredProposal sp, Network network, ApprovalTimes times, Instant now) throws StoreException {
    if (!sp.state().open()) {
      return sp;
    }
    Proposal p = sp.proposal();
    ApproverSet set = approvers(tx, p.kind(), network);
    QuorumOutcome outcome = QuorumEvaluator.evaluate(context(set, sp, now), submissions(tx.approvals(p.hash())));
    return switch (outcome) {
      case QuorumOutcome.Rejected r -> move(tx, sp, sp.state() == ProposalState.SCHEDULED ? ProposalState.CANCELLED : ProposalState.REJECTED,
          sp.scheduledAt(), now, "rejected by " + r.rejectedBy());
      case QuorumOutcome.Refused r -> move(tx, sp, ProposalState.EXPIRED, sp.scheduledAt(), now, r.tag().id() + ": " + r.reason());
      case QuorumOutcome.NotYet n -> sp;
      case QuorumOutcome.Approved a -> approved(tx, sp, a, network, times, now);
    };
  }

  private static StoredProposal approved(WriteTx tx, StoredProposal sp, QuorumOutcome.Approved a, Network network, ApprovalTimes times,
      Instant now) throws StoreException {
    Proposal p = sp.proposal();
    StoredProposal current = sp;
    if (sp.state() == ProposalState.PENDING) {
      Instant opensAt = a.reachedAt().plus(delayOf(p.kind(), times));
      if (opensAt.isAfter(p.expiresAt())) {
        return move(tx, sp, ProposalState.EXPIRED, Optional.empty(), now, "the delay would end after the expiry " + p.expiresAt());
      }
      current = move(tx, sp, ProposalState.SCHEDULED, Optional.of(opensAt), now, "approved by " + String.join(",", a.approvers())
          + "; takes effect at " + opensAt);
    }
    Instant opensAt = current.scheduledAt().orElseThrow();
    if (p.kind() == ProposalKind.SPEND) {
      return !now.isBefore(p.expiresAt())
          ? move(tx, current, ProposalState.EXPIRED, current.scheduledAt(), now, "approved spend not signed before its expiry")
          : current;
    }
    if (now.isBefore(opensAt)) {
      return current;
    }
    String by = "quorum:" + String.join(",", a.approvers());
    AdminChanges.apply(tx, p, network, by, now);
    return move(tx, current, ProposalState.APPLIED, current.scheduledAt(), now, "applied, approved by " + String.join(",", a.approvers()));
  }

  /** Moves {@code sp} to {@code state} and audits it. */
  static StoredProposal move(WriteTx tx, StoredProposal sp, ProposalState state, Optional<Instant> scheduledAt, Instant now, String reason)
      throws StoreException {
    tx.setProposalState(sp.proposal().hash(), state, scheduledAt, now);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("proposal", sp.proposal().hash().hex());
    f.put("kind", sp.proposal().kind().id());
    f.put("state", state.name());
    f.put("reason", reason);
    AuditTrail.append(tx, now, AuditType.PROPOSAL_STATE.wireName(), f);
    return new StoredProposal(sp.proposal(), sp.initiator(), state, scheduledAt, now);
  }
}
