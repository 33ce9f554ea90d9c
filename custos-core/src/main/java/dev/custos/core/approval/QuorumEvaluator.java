package dev.custos.core.approval;

import dev.custos.core.message.ApproverKey;
import dev.custos.core.message.MessageVerifier;
import dev.custos.core.message.SignatureRejectedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides a proposal from its submitted approvals (issue 5 §1-§3), purely: no clock, no storage.
 *
 * <p>A submission counts only if, in this order: the proposal was not applied
 * ({@link QuorumTag#REPLAYED}); it was received before the expiry ({@link QuorumTag#EXPIRED}); the
 * approver is in the set ({@link QuorumTag#UNKNOWN_APPROVER}); an APPROVE is not by the initiator
 * ({@link QuorumTag#SELF_APPROVAL}; the initiator may reject); the approver has not already
 * submitted the same action ({@link QuorumTag#DUPLICATE_APPROVER}); a submitted signed text, if
 * any, is exactly the text for this proposal and action ({@link QuorumTag#WRONG_REQUEST},
 * {@link QuorumTag#TEXT_MALFORMED}); and the signature proves the approver's key over the text
 * rendered here from the proposal ({@link QuorumTag#SIGNATURE_INVALID}).
 *
 * <p>Outcome: any counted REJECT gives {@link QuorumOutcome.Rejected}; else M counted approvals
 * give {@link QuorumOutcome.Approved} (the quorum must be reached before the expiry; a delay may
 * then run past it); else {@link QuorumOutcome.NotYet}, or {@link QuorumOutcome.Refused} once
 * expired. An applied proposal is {@link QuorumOutcome.Refused} as a replay.
 */
public final class QuorumEvaluator {
  private QuorumEvaluator() {}

  /**
   * Checks one submission given those already counted ({@code counted}, all admitted by this
   * method). Returns normally when it counts.
   */
  public static void admit(QuorumContext ctx, List<SubmittedApproval> counted, SubmittedApproval s) throws ApprovalRefusedException {
    Proposal p = ctx.proposal();
    RequestHash hash = p.hash();
    if (ctx.applied().contains(hash)) {
      throw new ApprovalRefusedException(QuorumTag.REPLAYED, "request " + hash + " was already applied");
    }
    if (!s.receivedAt().isBefore(p.expiresAt())) {
      throw new ApprovalRefusedException(QuorumTag.EXPIRED, "request " + hash + " expired at " + p.expiresAt() + ", before " + s.receivedAt());
    }
    ApproverKey key = ctx.approvers().find(s.approverId())
        .orElseThrow(() -> new ApprovalRefusedException(QuorumTag.UNKNOWN_APPROVER, s.approverId() + " is not an approver of request " + hash));
    if (s.action() == ApprovalAction.APPROVE && ctx.initiatorApproverId().equals(Optional.of(key.id()))) {
      throw new ApprovalRefusedException(QuorumTag.SELF_APPROVAL, key.id() + " initiated request " + hash + " and cannot approve it");
    }
    if (counted.stream().anyMatch(c -> c.approverId().equals(key.id()) && c.action() == s.action())) {
      throw new ApprovalRefusedException(QuorumTag.DUPLICATE_APPROVER, key.id() + " already submitted '" + s.action().id() + "' for request " + hash);
    }
    String expected = p.text(s.action()).render();
    if (s.signedText().isPresent() && !s.signedText().get().equals(expected)) {
      throw textMismatch(s.signedText().get(), p.text(s.action()));
    }
    try {
      MessageVerifier.verify(key, s.format(), s.signature(), expected);
    } catch (SignatureRejectedException e) {
      throw new ApprovalRefusedException(QuorumTag.SIGNATURE_INVALID,
          key.id() + " for request " + hash + " (" + s.action().id() + "): " + e.reason() + ": " + e.getMessage());
    }
  }

  /** Decides the proposal from all submissions, considered in the order received. */
  public static QuorumOutcome evaluate(QuorumContext ctx, List<SubmittedApproval> submissions) {
    Proposal p = ctx.proposal();
    if (ctx.applied().contains(p.hash())) {
      return new QuorumOutcome.Refused(QuorumTag.REPLAYED, "request " + p.hash() + " was already applied");
    }
    List<SubmittedApproval> ordered = submissions.stream().sorted(Comparator.comparing(SubmittedApproval::receivedAt)).toList();
    List<SubmittedApproval> counted = new ArrayList<>();
    List<QuorumOutcome.RefusedApproval> refused = new ArrayList<>();
    for (SubmittedApproval s : ordered) {
      try {
        admit(ctx, counted, s);
        counted.add(s);
      } catch (ApprovalRefusedException e) {
        refused.add(new QuorumOutcome.RefusedApproval(s, e.tag(), e.getMessage()));
      }
    }
    Optional<SubmittedApproval> rejection = counted.stream().filter(s -> s.action() == ApprovalAction.REJECT).findFirst();
    if (rejection.isPresent()) {
      return new QuorumOutcome.Rejected(rejection.get().approverId(), rejection.get().receivedAt(), refused);
    }
    List<SubmittedApproval> approvals = counted.stream().filter(s -> s.action() == ApprovalAction.APPROVE).toList();
    int m = ctx.approvers().threshold();
    if (approvals.size() >= m) {
      List<SubmittedApproval> first = approvals.subList(0, m);
      return new QuorumOutcome.Approved(first.stream().map(SubmittedApproval::approverId).toList(), first.get(m - 1).receivedAt(), refused);
    }
    if (!ctx.now().isBefore(p.expiresAt())) {
      return new QuorumOutcome.Refused(QuorumTag.EXPIRED, "request " + p.hash() + " expired at " + p.expiresAt() + " with "
          + approvals.size() + " of " + m + " approvals");
    }
    return new QuorumOutcome.NotYet(approvals.size(), m, approvals.stream().map(SubmittedApproval::approverId).toList(), refused);
  }

  private static ApprovalRefusedException textMismatch(String submitted, ApprovalText expected) {
    ApprovalText other;
    try {
      other = ApprovalText.parse(submitted);
    } catch (ApprovalTextFormatException e) {
      return new ApprovalRefusedException(QuorumTag.TEXT_MALFORMED, "the signed text is not an approval text: " + e.getMessage());
    }
    String what = !other.request().equals(expected.request()) ? "request " + other.request() + ", not " + expected.request()
        : other.kind() != expected.kind() ? "kind " + other.kind().id() + ", not " + expected.kind().id()
        : other.network() != expected.network() ? "network " + other.network().id() + ", not " + expected.network().id()
        : other.action() != expected.action() ? "action " + other.action().id() + ", not " + expected.action().id()
        : !other.expiresAt().equals(expected.expiresAt()) ? "expiry " + other.expiresAt() + ", not " + expected.expiresAt()
        : "another summary";
    return new ApprovalRefusedException(QuorumTag.WRONG_REQUEST, "the signed text is for " + what);
  }
}
