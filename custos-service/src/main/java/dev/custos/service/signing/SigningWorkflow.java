package dev.custos.service.signing;

import dev.custos.core.audit.AuditType;
import dev.custos.core.analysis.PsbtAnalysis;
import dev.custos.core.audit.AuditCheckpoints;
import dev.custos.core.audit.AuditKey;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.analysis.PsbtAnalyzer;
import dev.custos.core.macaroon.MacaroonConstraints;
import dev.custos.core.policy.CredentialLimits;
import dev.custos.core.policy.Decision;
import dev.custos.core.policy.Finding;
import dev.custos.core.policy.Policy;
import dev.custos.core.policy.PolicyEvaluator;
import dev.custos.core.policy.PolicyTag;
import dev.custos.core.policy.SpendRequest;
import dev.custos.core.policy.Verdict;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.sign.PsbtSigner;
import dev.custos.core.sign.SigningKeys;
import dev.custos.core.sign.SigningOptions;
import dev.custos.core.sign.SigningRefusedException;
import dev.custos.core.sign.SigningResult;
import dev.custos.service.approval.ApprovalTimes;
import dev.custos.service.approval.SpendApprovals;
import dev.custos.service.approval.SpendGate;
import dev.custos.service.audit.AuditTrail;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.PendingApproval;
import dev.custos.store.ReadTx;
import dev.custos.store.RecordedDecision;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.WriteTx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every signature goes through here: analyse, decide by policy, record durably, then release.
 *
 * <p>Order of a {@link #sign} ("debit before sign"):
 * <ol>
 *   <li>the signer computes signatures in memory (nothing leaves; a safety refusal stops here);
 *   <li>one store transaction: effective time {@code max(clock, high-water mark)}, the recorded
 *       decision for this unsigned txid if any (an earlier ALLOW is reused: a retry never debits
 *       twice), else the policy decision, its velocity debits or pending approval, the audit
 *       records of request and decision and, when the signatures are released, the {@code
 *       signature.release} record (and a signed checkpoint when one is due) — all committed
 *       together;
 *   <li>only after that commit is the signed PSBT returned.
 * </ol>
 * A PENDING_APPROVAL decision also opens a spend request for the approvers
 * ({@link SpendApprovals}, docs/approvals.md). Resubmitting the same PSBT signs it only once the
 * request is approved and its delay has passed; the policy is evaluated again without its approval
 * threshold and the budgets are debited at that first release. A rejection, veto or expiry makes
 * the resubmission a DENY ({@link #APPROVAL_REFUSED}).
 *
 * <p>A crash before step 2 commits releases nothing and records nothing; once it committed, the
 * decision, the debit and the release record are all on disk, so a recorded ALLOW always has its
 * release record. If the commit fails, nothing is returned (fail closed). The store may commit
 * this transaction together with concurrent ones (group commit); it still returns only after the
 * commit. A clock that jumps backwards never reopens a window because time never goes below the
 * high-water mark.
 */
public final class SigningWorkflow {
  /** The spend approvers rejected the request, vetoed it during its delay, or let it expire. */
  public static final PolicyTag APPROVAL_REFUSED = new PolicyTag("policy-approval-refused");

  private final Store store;
  private final PolicyParser policies;
  private final Clock clock;
  private final SecureRandom random;
  private final int checkpointInterval;
  private final LastCheckpoint lastCheckpoint = new LastCheckpoint();
  private final ApprovalTimes approvalTimes;

  /** With the default approval times ({@link ApprovalTimes#DEFAULTS}). */
  public SigningWorkflow(Store store, PolicyParser policies, Clock clock, SecureRandom random, int checkpointInterval) {
    this(store, policies, clock, random, checkpointInterval, ApprovalTimes.DEFAULTS);
  }

  /**
   * @param checkpointInterval audit records between signed checkpoints (see AuditCheckpoints.isDue)
   * @param approvalTimes expiry and delay of the spend requests a PENDING_APPROVAL opens
   */
  public SigningWorkflow(Store store, PolicyParser policies, Clock clock, SecureRandom random, int checkpointInterval,
      ApprovalTimes approvalTimes) {
    this.store = store;
    this.policies = new LastParsedPolicy(policies);
    this.clock = clock;
    this.random = random;
    this.checkpointInterval = checkpointInterval;
    this.approvalTimes = approvalTimes;
  }

  /** Dry run for a credential without caveats: {@link #check(Psbt, WalletContext, String, MacaroonConstraints)}. */
  public SignOutcome check(Psbt psbt, WalletContext wallet, String credential) throws StoreException {
    return check(psbt, wallet, credential, MacaroonConstraints.NONE);
  }

  /**
   * Dry run: the decision this PSBT would get now, and the budgets it would leave. Writes nothing.
   *
   * @param caveats the credential's custos-* caveats, applied to every decision, a replayed one too
   */
  public SignOutcome check(Psbt psbt, WalletContext wallet, String credential, MacaroonConstraints caveats) throws StoreException {
    PsbtAnalysis analysis = PsbtAnalyzer.analyze(psbt, wallet.network(), Optional.of(wallet.view()));
    return store.read(tx -> {
      Instant now = effectiveNow(tx);
      Optional<RecordedDecision> earlier = tx.decision(wallet.walletId(), analysis.unsignedTxid())
          .filter(d -> d.verdict() == Verdict.ALLOW);
      if (earlier.isPresent()) {
        return new SignOutcome(replayed(tx, earlier.get(), psbt, analysis, wallet, credential, now, caveats), analysis,
            Optional.empty(), true);
      }
      return new SignOutcome(decide(tx, tx.currentPolicy(), psbt, analysis, wallet, credential, now, caveats), analysis,
          Optional.empty(), false);
    });
  }

  /** Signs for a credential without caveats: {@link #sign(Psbt, WalletContext, SigningKeys, AuditKey, String, MacaroonConstraints)}. */
  public SignOutcome sign(Psbt psbt, WalletContext wallet, SigningKeys keys, AuditKey auditKey, String credential)
      throws StoreException, SigningRefusedException, NothingToSignException {
    return sign(psbt, wallet, keys, auditKey, credential, MacaroonConstraints.NONE);
  }

  /**
   * Signs through the policy. The returned outcome carries the signed PSBT only when the decision
   * is ALLOW and the release was recorded.
   *
   * @param caveats the credential's custos-* caveats ({@link CredentialLimits}); they narrow every
   *     decision, including the replay of an earlier ALLOW for the same unsigned txid
   *
   * @throws SigningRefusedException when the signer's safety rules refuse the PSBT (audited)
   * @throws NothingToSignException when no input is ours (nothing is decided or debited)
   */
  public SignOutcome sign(Psbt psbt, WalletContext wallet, SigningKeys keys, AuditKey auditKey, String credential,
      MacaroonConstraints caveats) throws StoreException, SigningRefusedException, NothingToSignException {
    PsbtAnalysis analysis = PsbtAnalyzer.analyze(psbt, wallet.network(), Optional.of(wallet.view()));
    String txid = analysis.unsignedTxid();
    SigningResult signed;
    try {
      signed = new PsbtSigner(SigningOptions.DEFAULTS, random).sign(psbt, keys);
    } catch (SigningRefusedException e) {
      store.write(tx -> AuditTrail.append(tx, effectiveNow(tx), AuditType.POLICY_DECISION.wireName(), Map.of(
          "wallet", wallet.walletId(), "txid", txid, "credential", credential, "verdict", "REFUSED",
          "reason", e.getMessage())));
      throw e;
    }
    if (signed.signatureCount() == 0) {
      throw new NothingToSignException(wallet.walletId(), signed.warnings());
    }
    // Everything that needs no store runs here, on the caller's thread: the store runs works one
    // after another, so only reads and writes belong inside the transaction.
    Map<String, String> releaseFields = Map.of("wallet", wallet.walletId(), "txid", txid, "credential", credential,
        "signatures", Integer.toString(signed.signatureCount()),
        "psbtSha256", HexFormat.of().formatHex(fr.acinq.bitcoin.Crypto.sha256(PsbtCodec.serialize(signed.psbt()))));
    Map<String, String> requestFields = requestFields(wallet, txid, credential, analysis, signed.signatureCount());
    return store.write(tx -> {
      Instant now = effectiveNow(tx);
      Authorization granted = authorizeIn(tx, now, psbt, analysis, wallet, credential, caveats, requestFields);
      boolean release = granted.decision().verdict() == Verdict.ALLOW;
      if (release) {
        checkpointIfDue(tx, AuditTrail.append(tx, now, AuditType.SIGNATURE_RELEASE.wireName(), releaseFields), now, auditKey);
      }
      return new SignOutcome(granted.decision(), analysis, release ? Optional.of(signed) : Optional.empty(), granted.replayed(),
          granted.approvalRequest());
    });
  }

  /**
   * Step 2 of {@link #sign} on its own, for a signer that computes its signature elsewhere (a FROST
   * cosigner): one store transaction that records the request, decides by policy (or replays an
   * earlier decision for the same unsigned txid, never debiting twice, or releases a spend its
   * approvers approved), debits an ALLOW or files a pending approval, and audits the decision.
   * When it returns ALLOW the spend is durably recorded and a signature may be released (the
   * caller audits that release); anything else releases nothing.
   *
   * @param signatures how many signatures the caller is about to release (audited)
   */
  public Authorization authorize(Psbt psbt, WalletContext wallet, String credential, MacaroonConstraints caveats, int signatures)
      throws StoreException {
    return authorize(psbt, wallet, credential, caveats, signatures, (tx, now, granted) -> {});
  }

  /**
   * {@link #authorize(Psbt, WalletContext, String, MacaroonConstraints, int)} with the caller's
   * release record in the same transaction: when the decision is ALLOW, {@code release} runs
   * inside it, after the decision and debit and before the one commit. So the decision, the debit
   * and whatever {@code release} writes (a FROST cosigner: its nonces marked USED and its release
   * audit) are durable together or not at all; if {@code release} throws, nothing is committed —
   * no decision, no debit — and the exception propagates. The caller must hand its signature out
   * only after this returns ALLOW.
   *
   * <p>{@code release} may run on the store's writer thread: it should only read and write the
   * store (compute signatures before calling this, as {@link #sign} does).
   */
  public Authorization authorize(Psbt psbt, WalletContext wallet, String credential, MacaroonConstraints caveats, int signatures,
      Release release) throws StoreException {
    PsbtAnalysis analysis = PsbtAnalyzer.analyze(psbt, wallet.network(), Optional.of(wallet.view()));
    Map<String, String> requestFields = requestFields(wallet, analysis.unsignedTxid(), credential, analysis, signatures);
    return store.write(tx -> {
      Instant now = effectiveNow(tx);
      Authorization granted = authorizeIn(tx, now, psbt, analysis, wallet, credential, caveats, requestFields);
      if (granted.decision().verdict() == Verdict.ALLOW) {
        release.recordIn(tx, now, granted);
      }
      return granted;
    });
  }

  /** The caller's writes for an ALLOWed release, run inside {@link #authorize}'s transaction. */
  @FunctionalInterface
  public interface Release {
    /**
     * @param now the transaction's effective time (never below the store's high-water mark)
     * @param granted the ALLOW decision being committed
     */
    void recordIn(WriteTx tx, Instant now, Authorization granted) throws StoreException;
  }

  /**
   * The decision of {@link #authorize}, whether it replayed an earlier one (no new debit), and the
   * spend approval request it concerns, if any.
   */
  public record Authorization(Decision decision, PsbtAnalysis analysis, boolean replayed, Optional<String> approvalRequest) {}

  private static Map<String, String> requestFields(WalletContext wallet, String txid, String credential, PsbtAnalysis analysis,
      int signatures) {
    return Map.of("wallet", wallet.walletId(), "txid", txid, "credential", credential,
        "amountLeavingSat", Long.toString(analysis.amountLeavingSat()), "signatures", Integer.toString(signatures));
  }

  private Authorization authorizeIn(WriteTx tx, Instant now, Psbt psbt, PsbtAnalysis analysis, WalletContext wallet,
      String credential, MacaroonConstraints caveats, Map<String, String> requestFields) throws StoreException {
    String txid = analysis.unsignedTxid();
    tx.advanceHighWaterMark(now);
    AuditTrail.append(tx, now, AuditType.PSBT_REQUEST.wireName(), requestFields);
    Optional<RecordedDecision> earlier = tx.decision(wallet.walletId(), txid);
    if (earlier.isPresent() && earlier.get().verdict() == Verdict.ALLOW) {
      Decision d = replayed(tx, earlier.get(), psbt, analysis, wallet, credential, now, caveats);
      AuditTrail.append(tx, now, AuditType.POLICY_DECISION.wireName(), decisionFields(wallet, txid, credential, d, "replayed"));
      return new Authorization(d, analysis, true, Optional.empty());
    }
    if (earlier.isPresent()) {
      SpendGate gate = SpendApprovals.gate(tx, wallet.walletId() + ":" + txid, wallet.network(), approvalTimes, now);
      if (gate instanceof SpendGate.Open open) {
        Decision d = approved(tx, psbt, analysis, wallet, credential, now, caveats, open.requestId());
        AuditTrail.append(tx, now, AuditType.POLICY_DECISION.wireName(), decisionFields(wallet, txid, credential, d,
            "approved by quorum, request " + open.requestId() + (open.firstRelease() ? "" : " (released before)")));
        if (d.verdict() == Verdict.ALLOW && open.firstRelease()) {
          tx.debitDecision(wallet.walletId(), txid, d.debits(), now);
          SpendApprovals.released(tx, open.requestId(), now);
        }
        return new Authorization(d, analysis, !open.firstRelease(), Optional.of(open.requestId()));
      }
      Decision d = stillPending(replayed(tx, earlier.get(), psbt, analysis, wallet, credential, now, caveats), gate);
      AuditTrail.append(tx, now, AuditType.POLICY_DECISION.wireName(), decisionFields(wallet, txid, credential, d, "still pending"));
      return new Authorization(d, analysis, true, requestId(gate));
    }
    Optional<AppliedPolicy> applied = tx.currentPolicy();
    Decision d = decide(tx, applied, psbt, analysis, wallet, credential, now, caveats);
    long policyVersion = applied.map(AppliedPolicy::version).orElse(0L);
    AuditTrail.append(tx, now, AuditType.POLICY_DECISION.wireName(), decisionFields(wallet, txid, credential, d, "policy v" + policyVersion));
    if (d.verdict() != Verdict.DENY) {
      tx.recordDecision(new RecordedDecision(wallet.walletId(), txid, d.verdict(),
          d.findings().stream().map(f -> f.tag().value()).toList(), d.findings().stream().map(Finding::reason).toList(),
          credential, analysis.amountLeavingSat(), policyVersion, now));
    }
    if (d.verdict() == Verdict.ALLOW) {
      tx.debitDecision(wallet.walletId(), txid, d.debits(), now);
    }
    Optional<String> request = Optional.empty();
    if (d.verdict() == Verdict.PENDING_APPROVAL) {
      String pendingId = wallet.walletId() + ":" + txid;
      List<String> approvalTags = d.tags(Finding.Effect.APPROVAL).stream().map(t -> t.value()).toList();
      tx.addPendingApproval(new PendingApproval(pendingId, wallet.walletId(), txid,
          PsbtCodec.toBase64(psbt), credential, analysis.amountLeavingSat(), approvalTags, now, "PENDING"));
      request = SpendApprovals.open(tx, pendingId, wallet.walletId(), txid, policyVersion, approvalTags, analysis.amountLeavingSat(),
          credential, wallet.network(), approvalTimes, random, now);
    }
    return new Authorization(d, analysis, false, request);
  }

  /**
   * Seals the chain with a signed checkpoint when none is among the last {@code checkpointInterval}
   * records (a bounded read; usually of one record, see {@link LastCheckpoint}). Checkpoints need
   * the seed-derived audit key, so they are made when a signature is released, the moment the key
   * is unlocked anyway.
   */
  private void checkpointIfDue(WriteTx tx, AuditRecord head, Instant now, AuditKey auditKey) throws StoreException {
    if (head.seq() + 1 < checkpointInterval) {
      return;
    }
    long from = head.seq() - checkpointInterval + 1;
    if (lastCheckpoint.isAtOrAfter(tx, from)) {
      return;
    }
    Optional<AuditRecord> recent = tx.auditRecords(from, checkpointInterval).stream()
        .filter(r -> r.type().equals(AuditCheckpoints.TYPE)).reduce((older, newer) -> newer);
    if (recent.isPresent()) {
      lastCheckpoint.saw(recent.get());
      return;
    }
    AuditRecord checkpoint = AuditCheckpoints.create(head, now.isBefore(head.time()) ? head.time() : now, auditKey, random);
    tx.appendAudit(checkpoint);
    lastCheckpoint.saw(checkpoint);
  }

  /** The decision under {@code applied} (read once by the caller, in {@code tx}), narrowed by the credential's caveats. */
  private Decision decide(ReadTx tx, Optional<AppliedPolicy> applied, Psbt psbt, PsbtAnalysis analysis, WalletContext wallet,
      String credential, Instant now, MacaroonConstraints caveats) throws StoreException {
    Optional<Policy> policy = applied.map(p -> policies.parse(p.text()));
    SpendRequest request = new SpendRequest(psbt, analysis, wallet.walletId(), credential, now);
    return narrowed(evaluate(tx, policy, request), caveats, request, policy, wallet);
  }

  private static Decision evaluate(ReadTx tx, Optional<Policy> policy, SpendRequest request) throws StoreException {
    try {
      return PolicyEvaluator.evaluate(policy, request, tx);
    } catch (dev.custos.store.StoreUncheckedException e) {
      throw e.getCause();
    }
  }

  /** {@code d} narrowed by the credential's caveats ({@link CredentialLimits}); they only ever take away. */
  private static Decision narrowed(Decision d, MacaroonConstraints caveats, SpendRequest request, Optional<Policy> policy,
      WalletContext wallet) {
    return CredentialLimits.narrow(d, CredentialLimits.findings(caveats, request, policy, wallet.view().masterFingerprint()));
  }

  /** An earlier recorded decision, narrowed by this request's caveats (they are per request, not per txid). */
  private Decision replayed(ReadTx tx, RecordedDecision earlier, Psbt psbt, PsbtAnalysis analysis, WalletContext wallet,
      String credential, Instant now, MacaroonConstraints caveats) throws StoreException {
    Decision d = replayedDecision(earlier);
    if (caveats.isEmpty()) {
      return d;
    }
    Optional<Policy> policy = tx.currentPolicy().map(p -> policies.parse(p.text()));
    return narrowed(d, caveats, new SpendRequest(psbt, analysis, wallet.walletId(), credential, now), policy, wallet);
  }

  /**
   * The decision for a spend the approvers approved: the policy in force evaluated without its
   * approval threshold (so a DENY still refuses, and an ALLOW carries the debits), narrowed by the
   * caveats of the credential resubmitting it.
   */
  private Decision approved(ReadTx tx, Psbt psbt, PsbtAnalysis analysis, WalletContext wallet, String credential, Instant now,
      MacaroonConstraints caveats, String requestId) throws StoreException {
    Optional<Policy> policy = tx.currentPolicy().map(p -> ApprovedSpendPolicy.of(policies.parse(p.text())));
    SpendRequest request = new SpendRequest(psbt, analysis, wallet.walletId(), credential, now);
    Decision narrowed = narrowed(evaluate(tx, policy, request), caveats, request, policy, wallet);
    List<String> budgets = new java.util.ArrayList<>(narrowed.budgets());
    budgets.add("approved by the spend quorum (request " + requestId + ")");
    return new Decision(narrowed.verdict(), narrowed.findings(), narrowed.debits(), budgets);
  }

  /** A still-pending decision, turned into a DENY when the approvers rejected, vetoed or let it expire. */
  private static Decision stillPending(Decision d, SpendGate gate) {
    List<String> budgets = new java.util.ArrayList<>(d.budgets());
    return switch (gate) {
      case SpendGate.Refused r -> {
        List<Finding> findings = new java.util.ArrayList<>(d.findings());
        findings.add(new Finding(APPROVAL_REFUSED, Finding.Effect.DENY, r.reason()));
        yield new Decision(Verdict.DENY, findings, List.of(), budgets);
      }
      case SpendGate.Collecting c -> {
        budgets.add("request " + c.requestId() + ": " + c.approvals() + " of " + c.threshold() + " approvals");
        yield new Decision(d.verdict(), d.findings(), d.debits(), budgets);
      }
      case SpendGate.Waiting w -> {
        budgets.add("request " + w.requestId() + ": approved; can be signed from " + w.opensAt() + " unless vetoed");
        yield new Decision(d.verdict(), d.findings(), d.debits(), budgets);
      }
      case SpendGate.NoQuorum n -> d;
      case SpendGate.Open o -> d;
    };
  }

  private static Optional<String> requestId(SpendGate gate) {
    return switch (gate) {
      case SpendGate.Collecting c -> Optional.of(c.requestId());
      case SpendGate.Waiting w -> Optional.of(w.requestId());
      case SpendGate.Refused r -> Optional.of(r.requestId());
      case SpendGate.Open o -> Optional.of(o.requestId());
      case SpendGate.NoQuorum n -> Optional.empty();
    };
  }

  private Instant effectiveNow(ReadTx tx) throws StoreException {
    Instant now = clock.instant();
    Instant mark = tx.highWaterMark();
    return now.isBefore(mark) ? mark : now;
  }

  private static Decision replayedDecision(RecordedDecision r) {
    List<Finding> findings = new java.util.ArrayList<>();
    for (int i = 0; i < r.tags().size(); i++) {
      // Recorded decisions are ALLOW (whose findings can only be warnings) or PENDING_APPROVAL
      // (approval findings, plus warnings).
      String tag = r.tags().get(i);
      Finding.Effect effect = r.verdict() == Verdict.PENDING_APPROVAL && tag.startsWith("policy-approval-")
          ? Finding.Effect.APPROVAL : Finding.Effect.WARN;
      findings.add(new Finding(new dev.custos.core.policy.PolicyTag(tag), effect, i < r.reasons().size() ? r.reasons().get(i) : ""));
    }
    return new Decision(r.verdict(), findings, List.of(), List.of("decided earlier at " + r.decidedAt() + " (policy v" + r.policyVersion() + ")"));
  }

  private static Map<String, String> decisionFields(WalletContext w, String txid, String credential, Decision d, String basis) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("wallet", w.walletId());
    f.put("txid", txid);
    f.put("credential", credential);
    f.put("verdict", d.verdict().name());
    f.put("basis", basis);
    for (int i = 0; i < d.findings().size(); i++) {
      Finding x = d.findings().get(i);
      f.put(String.format("finding.%02d", i), x.effect() + " " + x.tag().value() + ": " + x.reason());
    }
    return f;
  }
}
