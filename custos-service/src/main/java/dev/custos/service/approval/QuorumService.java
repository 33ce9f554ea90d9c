package dev.custos.service.approval;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.core.approval.ApprovalRefusedException;
import dev.custos.core.approval.ApproverSet;
import dev.custos.core.approval.Proposal;
import dev.custos.core.approval.ProposalKind;
import dev.custos.core.approval.QuorumContext;
import dev.custos.core.approval.QuorumEvaluator;
import dev.custos.core.approval.QuorumTag;
import dev.custos.core.approval.SubmittedApproval;
import dev.custos.core.audit.AuditType;
import dev.custos.core.keys.Network;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.ApproverRole;
import dev.custos.store.ProposalState;
import dev.custos.store.ReadTx;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoredApproval;
import dev.custos.store.StoredProposal;
import dev.custos.store.WriteTx;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The M-of-N quorum over administrative changes and pending spends (issue 5): the admin set at
 * init, proposals, approvals and rejections checked by {@link QuorumEvaluator} against the text
 * rendered from the stored proposal, and the change applied in the same transaction as its audit
 * records. Every call first settles due proposals (cool-downs that ended are applied, expired ones
 * closed), so nothing needs a background timer.
 *
 * <p>Rules beyond the core's: a proposal's expiry is its creation plus {@link ApprovalTimes#expiry}
 * plus its delay; an APPROVE handed in through the credential that initiated the proposal is
 * refused ({@code approval-self-approval}), whoever signed it. Refused submissions are audited.
 */
public final class QuorumService {
  private final Store store;
  private final Network network;
  private final ApprovalTimes times;
  private final Clock clock;
  private final SecureRandom random;

  public QuorumService(Store store, Network network, ApprovalTimes times, Clock clock, SecureRandom random) {
    this.store = store;
    this.network = network;
    this.times = times;
    this.clock = clock;
    this.random = random;
  }

  /** Whether an admin set exists (then policy changes go through proposals). */
  public boolean adminQuorum() throws StoreException {
    return store.read(tx -> tx.approverSet(ApproverRole.ADMIN).isPresent());
  }

  /** The approver set of {@code role} in force (SPEND falls back to ADMIN). */
  public Optional<ApproverSet> approvers(ApproverRole role) throws StoreException {
    return store.read(tx -> ApproverSets.current(tx, role, network));
  }

  /**
   * Sets the first admin set and, optionally, a separate spend approver set (at init). Afterwards
   * they change only through approved proposals.
   *
   * @throws ApprovalException CLOSED when an admin set already exists
   */
  public void initialize(ApproverSet admin, Optional<ApproverSet> spend, String by) throws StoreException, ApprovalException {
    boolean done = store.write(tx -> {
      if (tx.approverSet(ApproverRole.ADMIN).isPresent()) {
        return false;
      }
      Instant now = now(tx);
      ApproverSets.put(tx, ApproverRole.ADMIN, admin, now, by, "init");
      if (spend.isPresent()) {
        ApproverSets.put(tx, ApproverRole.SPEND, spend.get(), now, by, "init");
      }
      return true;
    });
    if (!done) {
      throw new ApprovalException(ApprovalException.Kind.CLOSED, "an admin set already exists: change it with an admin-set-change proposal");
    }
  }

  /** Proposes applying {@code policy}: it takes effect only with the admin quorum. */
  public ProposalView proposePolicy(PolicyFile policy, String initiator) throws StoreException, ApprovalException {
    return propose(ProposalKind.POLICY_APPLY, policy.text().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "apply policy sha256 " + policy.sha256Hex().substring(0, 16), initiator);
  }

  /** Proposes replacing the admin set ({@link ApproverRole#ADMIN}) or the spend approver set. */
  public ProposalView proposeSet(ApproverRole role, ApproverSet set, String initiator) throws StoreException, ApprovalException {
    byte[] payload = ApproverSetText.payload(set);
    String digest = new ByteVector(fr.acinq.bitcoin.Crypto.sha256(payload)).toHex();
    return propose(role == ApproverRole.ADMIN ? ProposalKind.ADMIN_SET_CHANGE : ProposalKind.APPROVER_SET_CHANGE, payload,
        role.id() + " set " + set.threshold() + " of " + set.keys().size() + " sha256 " + digest.substring(0, 16), initiator);
  }

  private ProposalView propose(ProposalKind kind, byte[] payload, String summary, String initiator) throws StoreException, ApprovalException {
    Optional<ProposalView> made = store.write(tx -> {
      Optional<ApproverSet> set = ApproverSets.current(tx, ApproverRole.ADMIN, network);
      if (set.isEmpty()) {
        return Optional.empty();
      }
      Instant now = now(tx);
      Instant created = now.truncatedTo(ChronoUnit.SECONDS);
      byte[] nonce = new byte[32];
      random.nextBytes(nonce);
      Proposal p = new Proposal(kind, network, new ByteVector(payload), new ByteVector32(nonce), created,
          created.plus(times.expiry()).plus(Settlement.delayOf(kind, times)), summary);
      StoredProposal sp = new StoredProposal(p, initiator, ProposalState.PENDING, Optional.empty(), now);
      tx.addProposal(sp);
      auditCreated(tx, sp, now);
      return Optional.of(new ProposalView(sp, List.of(), set.get().threshold()));
    });
    return made.orElseThrow(() -> new ApprovalException(ApprovalException.Kind.CLOSED,
        "no admin set: administrative changes apply directly (set one with 'custos init --admin-key')"));
  }

  static void auditCreated(WriteTx tx, StoredProposal sp, Instant now) throws StoreException {
    Proposal p = sp.proposal();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("proposal", p.hash().hex());
    f.put("kind", p.kind().id());
    f.put("summary", p.summary());
    f.put("expires", p.expiresAt().toString());
    f.put("initiator", sp.initiator());
    AuditTrail.append(tx, now, AuditType.PROPOSAL_CREATE.wireName(), f);
  }

  /** Administrative proposals ({@code spends} false) or spend requests, oldest first, settled first. */
  public List<ProposalView> list(boolean spends) throws StoreException {
    return store.write(tx -> {
      Instant now = now(tx);
      List<ProposalView> out = new ArrayList<>();
      for (StoredProposal sp : tx.proposals()) {
        if (sp.proposal().kind().administrative() != spends) {
          out.add(view(tx, Settlement.settle(tx, sp, network, times, now)));
        }
      }
      return out;
    });
  }

  /** One proposal by id (its hash, or a unique prefix of at least 8 hex digits), settled first. */
  public ProposalView show(String id, boolean spend) throws StoreException, ApprovalException {
    Result r = store.write(tx -> {
      Instant now = now(tx);
      Optional<StoredProposal> sp = resolve(tx, id, spend);
      return sp.isEmpty() ? notFound(id, spend) : new Result.Done(view(tx, Settlement.settle(tx, sp.get(), network, times, now)));
    });
    return r.view();
  }

  /** Settles every open proposal (applies due cool-downs, closes expired ones). */
  public void settle() throws StoreException {
    list(false);
    list(true);
  }

  /**
   * Counts an approval or rejection of proposal {@code id}, handed in by credential {@code submittedBy},
   * then settles the proposal (which may apply it, schedule it, or reject it).
   *
   * @throws ApprovalException REFUSED with the quorum tag (the refusal is audited), NOT_FOUND, or
   *     CLOSED when the proposal was rejected or cancelled
   */
  public ProposalView submit(String id, boolean spend, Submission s, String submittedBy) throws StoreException, ApprovalException {
    Result r = store.write(tx -> {
      Instant now = now(tx);
      Optional<StoredProposal> found = resolve(tx, id, spend);
      if (found.isEmpty()) {
        return notFound(id, spend);
      }
      StoredProposal sp = Settlement.settle(tx, found.get(), network, times, now);
      Proposal p = sp.proposal();
      SubmittedApproval submitted = new SubmittedApproval(s.approverId(), s.action(), s.format(), s.signature(), s.signedText(), now);
      if (sp.state() == ProposalState.REJECTED || sp.state() == ProposalState.CANCELLED) {
        return new Result.Closed("proposal " + p.hash() + " is " + sp.state() + ": it can no longer be approved or rejected");
      }
      ApproverSet set = Settlement.approvers(tx, p.kind(), network);
      QuorumContext ctx = Settlement.context(set, sp, now);
      List<StoredApproval> stored = tx.approvals(p.hash());
      try {
        if (s.action() == ApprovalAction.APPROVE && submittedBy.equals(sp.initiator())) {
          throw new ApprovalRefusedException(QuorumTag.SELF_APPROVAL,
              "credential " + submittedBy + " initiated request " + p.hash() + " and cannot approve it");
        }
        if (sp.state() == ProposalState.EXPIRED) {
          throw new ApprovalRefusedException(QuorumTag.EXPIRED, "request " + p.hash() + " expired at " + p.expiresAt());
        }
        QuorumEvaluator.admit(ctx, Settlement.submissions(stored), submitted);
      } catch (ApprovalRefusedException e) {
        Map<String, String> f = fields(p, s, submittedBy);
        f.put("tag", e.tag().id());
        f.put("reason", e.getMessage());
        AuditTrail.append(tx, now, AuditType.APPROVAL_REFUSED.wireName(), f);
        return new Result.Refused(e.tag(), e.getMessage());
      }
      tx.addApproval(new StoredApproval(p.hash(), s.approverId(), s.action(), s.format(), s.signature(), now, submittedBy));
      AuditTrail.append(tx, now, AuditType.APPROVAL_COUNTED.wireName(), fields(p, s, submittedBy));
      return new Result.Done(view(tx, Settlement.settle(tx, sp, network, times, now)));
    });
    return r.view();
  }

  private static Map<String, String> fields(Proposal p, Submission s, String submittedBy) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("proposal", p.hash().hex());
    f.put("kind", p.kind().id());
    f.put("approver", s.approverId());
    f.put("action", s.action().id());
    f.put("format", s.format().id());
    f.put("signature", s.signature());
    f.put("submittedBy", submittedBy);
    return f;
  }

  private ProposalView view(ReadTx tx, StoredProposal sp) throws StoreException {
    return new ProposalView(sp, tx.approvals(sp.proposal().hash()), Settlement.approvers(tx, sp.proposal().kind(), network).threshold());
  }

  private static Optional<StoredProposal> resolve(ReadTx tx, String id, boolean spend) throws StoreException {
    String want = id.toLowerCase(java.util.Locale.ROOT);
    if (want.length() < 8 || want.length() > 64 || !want.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return Optional.empty();
    }
    List<StoredProposal> matches = tx.proposals().stream()
        .filter(sp -> sp.proposal().kind().administrative() != spend && sp.proposal().hash().hex().startsWith(want)).toList();
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }

  private static Result notFound(String id, boolean spend) {
    return new Result.NotFound("no " + (spend ? "spend approval request" : "administrative proposal") + " with id " + id
        + " (give the 64-hex-digit id or a unique prefix of at least 8)");
  }

  private Instant now(ReadTx tx) throws StoreException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant mark = tx.highWaterMark();
    return now.isBefore(mark) ? mark : now;
  }

  /** What a write transaction decided; refusals are values so that their audit records commit. */
  private sealed interface Result {
    ProposalView view() throws ApprovalException;

    record Done(ProposalView v) implements Result {
      @Override
      public ProposalView view() {
        return v;
      }
    }

    record Refused(QuorumTag tag, String message) implements Result {
      @Override
      public ProposalView view() throws ApprovalException {
        throw new ApprovalException(tag, message);
      }
    }

    record NotFound(String message) implements Result {
      @Override
      public ProposalView view() throws ApprovalException {
        throw new ApprovalException(ApprovalException.Kind.NOT_FOUND, message);
      }
    }

    record Closed(String message) implements Result {
      @Override
      public ProposalView view() throws ApprovalException {
        throw new ApprovalException(ApprovalException.Kind.CLOSED, message);
      }
    }
  }
}
