package dev.custos.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.keys.Network;
import dev.custos.core.message.ApproverKey;
import dev.custos.core.message.SignatureFormat;
import fr.acinq.bitcoin.TxId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every pure refusal path of issue 5 §5, with 2-of-3 approvers signing by libsecp256k1 (two
 * BIP340, one BIP-137): M-1 approvals, duplicate approver, approval over another request's text,
 * replay of an applied proposal, expired proposal, self-approval by the initiator, veto during the
 * delay and a cancelled cool-down.
 */
class QuorumEvaluatorTest {
  private static final Approvers ALICE = Approvers.named("alice", SignatureFormat.BIP340);
  private static final Approvers BOB = Approvers.named("bob", SignatureFormat.BIP137);
  private static final Approvers CAROL = Approvers.named("carol", SignatureFormat.BIP340);
  private static final Approvers MALLORY = Approvers.named("mallory", SignatureFormat.BIP340);
  private static final ApproverSet SET = new ApproverSet(List.of(ALICE.key(), BOB.key(), CAROL.key()), 2);
  private static final Instant T0 = ProposalTest.CREATED;

  private static final Proposal SPEND = new SpendApprovalRequest("73c5da0a",
      new TxId("3f2a1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"), 7, List.of("policy-approval-amount"),
      125_000_000L, "cred-alice").toProposal(Network.MAINNET, ProposalTest.NONCE, T0, ProposalTest.EXPIRES);
  private static final Proposal OTHER_SPEND = new SpendApprovalRequest("73c5da0a",
      new TxId("00".repeat(31) + "01"), 7, List.of("policy-approval-amount"), 125_000_000L, "cred-alice")
      .toProposal(Network.MAINNET, ProposalTest.NONCE, T0, ProposalTest.EXPIRES);

  static QuorumContext ctx(Proposal p, Optional<String> initiator, Set<RequestHash> applied, Instant now) {
    return new QuorumContext(SET, p, initiator, applied, now);
  }

  static QuorumContext ctx(Instant now) {
    return ctx(SPEND, Optional.empty(), Set.of(), now);
  }

  static Instant at(long minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @Test
  void mMinusOneApprovalsAreNotEnoughAndMAre() {
    assertThat(QuorumEvaluator.evaluate(ctx(at(5)), List.of(ALICE.approve(SPEND, at(1)))))
        .isEqualTo(new QuorumOutcome.NotYet(1, 2, List.of(ALICE.id()), List.of()));
    QuorumOutcome two = QuorumEvaluator.evaluate(ctx(at(5)), List.of(BOB.approve(SPEND, at(2)), ALICE.approve(SPEND, at(1))));
    assertThat(two).isEqualTo(new QuorumOutcome.Approved(List.of(ALICE.id(), BOB.id()), at(2), List.of()));
  }

  @Test
  void aDuplicateApproverCountsOnce() {
    QuorumOutcome o = QuorumEvaluator.evaluate(ctx(at(5)), List.of(ALICE.approve(SPEND, at(1)), ALICE.approve(SPEND, at(2))));
    assertThat(o).isInstanceOfSatisfying(QuorumOutcome.NotYet.class, n -> {
      assertThat(n.approvals()).isEqualTo(1);
      assertThat(n.refused()).extracting(QuorumOutcome.RefusedApproval::tag).containsExactly(QuorumTag.DUPLICATE_APPROVER);
    });
  }

  @Test
  void anApprovalOverAnotherRequestsTextIsRefused() {
    SubmittedApproval foreign = new SubmittedApproval(BOB.id(), ApprovalAction.APPROVE, SignatureFormat.BIP137,
        BOB.sign(OTHER_SPEND.text(ApprovalAction.APPROVE).render()), Optional.empty(), at(2));
    SubmittedApproval foreignWithText = new SubmittedApproval(CAROL.id(), ApprovalAction.APPROVE, SignatureFormat.BIP340,
        CAROL.sign(OTHER_SPEND.text(ApprovalAction.APPROVE).render()), Optional.of(OTHER_SPEND.text(ApprovalAction.APPROVE).render()), at(3));
    SubmittedApproval otherNetwork = CAROL.approve(new Proposal(SPEND.kind(), Network.TESTNET, SPEND.payload(), SPEND.nonce(),
        SPEND.createdAt(), SPEND.expiresAt(), SPEND.summary()), at(4));
    SubmittedApproval rejectTextAsApproval = new SubmittedApproval(CAROL.id(), ApprovalAction.APPROVE, SignatureFormat.BIP340,
        CAROL.sign(SPEND.text(ApprovalAction.REJECT).render()), Optional.empty(), at(5));
    QuorumOutcome o = QuorumEvaluator.evaluate(ctx(at(10)),
        List.of(ALICE.approve(SPEND, at(1)), foreign, foreignWithText, otherNetwork, rejectTextAsApproval));
    assertThat(o).isInstanceOfSatisfying(QuorumOutcome.NotYet.class, n -> {
      assertThat(n.approvals()).isEqualTo(1);
      assertThat(n.refused()).extracting(QuorumOutcome.RefusedApproval::tag).containsExactly(
          QuorumTag.SIGNATURE_INVALID, QuorumTag.WRONG_REQUEST, QuorumTag.SIGNATURE_INVALID, QuorumTag.SIGNATURE_INVALID);
      assertThat(n.refused().get(1).reason()).contains("request " + OTHER_SPEND.hash());
    });
  }

  @Test
  void anAppliedProposalCannotBeReplayed() throws Exception {
    QuorumContext applied = ctx(SPEND, Optional.empty(), Set.of(SPEND.hash()), at(5));
    List<SubmittedApproval> both = List.of(ALICE.approve(SPEND, at(1)), BOB.approve(SPEND, at(2)));
    assertThat(QuorumEvaluator.evaluate(ctx(at(5)), both)).isInstanceOf(QuorumOutcome.Approved.class);
    assertThat(QuorumEvaluator.evaluate(applied, both)).isInstanceOfSatisfying(QuorumOutcome.Refused.class,
        r -> assertThat(r.tag()).isEqualTo(QuorumTag.REPLAYED));
    assertRefused(applied, ALICE.approve(SPEND, at(1)), QuorumTag.REPLAYED);
  }

  @Test
  void anExpiredProposalIsRefusedButAQuorumReachedInTimeStands() {
    Instant expiry = SPEND.expiresAt();
    assertRefused(ctx(expiry), ALICE.approve(SPEND, expiry), QuorumTag.EXPIRED);
    assertThat(QuorumEvaluator.evaluate(ctx(expiry.plusSeconds(60)), List.of(ALICE.approve(SPEND, at(1)))))
        .isInstanceOfSatisfying(QuorumOutcome.Refused.class, r -> assertThat(r.tag()).isEqualTo(QuorumTag.EXPIRED));
    assertThat(QuorumEvaluator.evaluate(ctx(expiry.plusSeconds(60)), List.of(ALICE.approve(SPEND, at(1)), BOB.approve(SPEND, expiry))))
        .isInstanceOfSatisfying(QuorumOutcome.Refused.class, r -> assertThat(r.tag()).isEqualTo(QuorumTag.EXPIRED));
    assertThat(QuorumEvaluator.evaluate(ctx(expiry.plusSeconds(60)), List.of(ALICE.approve(SPEND, at(1)), BOB.approve(SPEND, at(2)))))
        .isInstanceOf(QuorumOutcome.Approved.class);
  }

  @Test
  void theInitiatorCannotApproveButMayReject() {
    QuorumContext c = ctx(SPEND, Optional.of(ALICE.id()), Set.of(), at(5));
    assertRefused(c, ALICE.approve(SPEND, at(1)), QuorumTag.SELF_APPROVAL);
    assertThat(QuorumEvaluator.evaluate(c, List.of(ALICE.approve(SPEND, at(1)), BOB.approve(SPEND, at(2)))))
        .isInstanceOfSatisfying(QuorumOutcome.NotYet.class, n -> assertThat(n.approvers()).containsExactly(BOB.id()));
    assertThat(QuorumEvaluator.evaluate(c, List.of(ALICE.reject(SPEND, at(1)))))
        .isInstanceOfSatisfying(QuorumOutcome.Rejected.class, r -> assertThat(r.rejectedBy()).isEqualTo(ALICE.id()));
  }

  @Test
  void unknownApproversAndForgedSignaturesAreRefused() {
    assertRefused(ctx(at(5)), MALLORY.approve(SPEND, at(1)), QuorumTag.UNKNOWN_APPROVER);
    SubmittedApproval forged = new SubmittedApproval(ALICE.id(), ApprovalAction.APPROVE, SignatureFormat.BIP340,
        MALLORY.sign(SPEND.text(ApprovalAction.APPROVE).render()), Optional.empty(), at(1));
    assertRefused(ctx(at(5)), forged, QuorumTag.SIGNATURE_INVALID);
    SubmittedApproval wrongFormat = new SubmittedApproval(ALICE.id(), ApprovalAction.APPROVE, SignatureFormat.BIP137,
        ALICE.sign(SPEND.text(ApprovalAction.APPROVE).render()), Optional.empty(), at(1));
    assertRefused(ctx(at(5)), wrongFormat, QuorumTag.SIGNATURE_INVALID);
    SubmittedApproval garbledText = new SubmittedApproval(ALICE.id(), ApprovalAction.APPROVE, SignatureFormat.BIP340,
        ALICE.sign("hello"), Optional.of("hello"), at(1));
    assertRefused(ctx(at(5)), garbledText, QuorumTag.TEXT_MALFORMED);
  }

  @Test
  void aVetoDuringTheSpendDelayRefusesTheSpend() {
    Duration delay = Duration.ofHours(6);
    List<SubmittedApproval> approvals = List.of(ALICE.approve(SPEND, at(1)), BOB.approve(SPEND, at(2)));
    QuorumOutcome approved = QuorumEvaluator.evaluate(ctx(at(30)), approvals);
    assertThat(DelayGate.status(approved, delay, at(30))).isEqualTo(new DelayGate.Status.Waiting(at(2).plus(delay)));
    assertThat(DelayGate.status(approved, delay, at(2).plus(delay))).isEqualTo(new DelayGate.Status.Open(at(2).plus(delay)));

    List<SubmittedApproval> vetoed = List.of(approvals.get(0), approvals.get(1), CAROL.reject(SPEND, at(60)));
    QuorumOutcome o = QuorumEvaluator.evaluate(ctx(at(90)), vetoed);
    assertThat(o).isInstanceOfSatisfying(QuorumOutcome.Rejected.class, r -> assertThat(r.rejectedBy()).isEqualTo(CAROL.id()));
    assertThat(DelayGate.status(o, delay, at(2).plus(delay))).isInstanceOf(DelayGate.Status.Closed.class);
  }

  @Test
  void aCancelledCoolDownNeverTakesEffect() {
    Proposal loosen = ProposalTest.policy("raise max-per-transaction to 2 BTC");
    QuorumContext c = new QuorumContext(SET, loosen, Optional.empty(), Set.of(), at(120));
    Duration coolDown = Duration.ofHours(24);
    List<SubmittedApproval> approvals = List.of(ALICE.approve(loosen, at(1)), CAROL.approve(loosen, at(3)));
    assertThat(DelayGate.status(QuorumEvaluator.evaluate(c, approvals), coolDown, at(120)))
        .isEqualTo(new DelayGate.Status.Waiting(at(3).plus(coolDown)));
    List<SubmittedApproval> cancelled = List.of(approvals.get(0), approvals.get(1), BOB.reject(loosen, at(100)));
    assertThat(DelayGate.status(QuorumEvaluator.evaluate(c, cancelled), coolDown, at(3).plus(coolDown)))
        .isInstanceOfSatisfying(DelayGate.Status.Closed.class, s -> assertThat(s.outcome()).isInstanceOf(QuorumOutcome.Rejected.class));
  }

  @Test
  void approverSetRefusesOnePersonTwice() {
    ApproverKey.CompressedKey bob = (ApproverKey.CompressedKey) BOB.key();
    ApproverKey bobXOnly = new ApproverKey.XOnlyKey(bob.bytes().drop(1));
    assertThatThrownBy(() -> new ApproverSet(List.of(bob, bobXOnly), 1)).hasMessageContaining("same key");
    assertThatThrownBy(() -> new ApproverSet(List.of(bob, bob), 1)).hasMessageContaining("twice");
    assertThatThrownBy(() -> new ApproverSet(List.of(bob), 2)).hasMessageContaining("threshold");
    assertThatThrownBy(() -> new ApproverSet(List.of(bob), 0)).hasMessageContaining("threshold");
  }

  private static void assertRefused(QuorumContext c, SubmittedApproval s, QuorumTag tag) {
    assertThatThrownBy(() -> QuorumEvaluator.admit(c, List.of(), s))
        .isInstanceOfSatisfying(ApprovalRefusedException.class, e -> assertThat(e.tag()).isEqualTo(tag));
  }
}
