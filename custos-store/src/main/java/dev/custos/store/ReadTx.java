package dev.custos.store;

import dev.custos.core.approval.RequestHash;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.policy.VelocityLedger;
import fr.acinq.bitcoin.ByteVector32;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads inside a transaction. Velocity totals come from indexed bucket aggregates (see
 * {@link VelocityLedger}): cost does not grow with the number of recorded spends.
 *
 * <p>{@link VelocityLedger#totals} here may throw {@link StoreUncheckedException} (the interface
 * is the core's and has no checked exceptions); {@link Store#write}/{@link Store#read} turn it back
 * into a {@link StoreException}.
 */
public interface ReadTx extends VelocityLedger {
  /** The policy in force, if any was applied. */
  Optional<AppliedPolicy> currentPolicy() throws StoreException;

  /** The recorded decision for an unsigned transaction of a wallet (idempotent retries). */
  Optional<RecordedDecision> decision(String walletId, String unsignedTxid) throws StoreException;

  /** Pending approval requests, oldest first. */
  List<PendingApproval> pendingApprovals() throws StoreException;

  /** The latest time ever recorded (EPOCH when none): effective time never goes below it. */
  Instant highWaterMark() throws StoreException;

  /** The last audit record, if any. */
  Optional<AuditRecord> auditHead() throws StoreException;

  /** Audit records with {@code seq >= fromSeq}, in order, at most {@code limit}. */
  List<AuditRecord> auditRecords(long fromSeq, int limit) throws StoreException;

  /**
   * The SHA-256 of the canonical bytes stored for the audit record at {@code seq} (computed from
   * those bytes, not read from the hash column), without decoding them; empty when there is no
   * record at {@code seq}. Equal to a record's {@link AuditRecord#hash()} exactly when that record
   * is stored there: a cheaper way to ask "is this record still in the log?".
   */
  Optional<ByteVector32> auditRecordHash(long seq) throws StoreException;

  /** The macaroon root key stored under {@code id}; empty when none (never minted, or revoked). */
  Optional<StoredRootKey> macaroonRootKey(byte[] id) throws StoreException;

  /** Every macaroon root key, oldest first (then by id). */
  List<StoredRootKey> macaroonRootKeys() throws StoreException;

  /** A participant's FROST nonces for a signing session, in whatever state; empty when none. */
  Optional<StoredFrostNonces> frostNonces(byte[] sessionId, byte[] participant) throws StoreException;

  /** The approver set of {@code role} in force (its latest version), if one was ever set. */
  Optional<StoredApproverSet> approverSet(ApproverRole role) throws StoreException;

  /** The proposal with this hash, its hash checked against its stored fields. */
  Optional<StoredProposal> proposal(RequestHash hash) throws StoreException;

  /** Every proposal, oldest first. */
  List<StoredProposal> proposals() throws StoreException;

  /** The approvals and rejections counted for a proposal, in the order received. */
  List<StoredApproval> approvals(RequestHash proposal) throws StoreException;

  /** The spend proposal linked to the pending approval {@code pendingApprovalId}, if any. */
  Optional<RequestHash> spendProposal(String pendingApprovalId) throws StoreException;

  /** The stored state of the channel with this 32-byte id, if it was ever set up. */
  Optional<StoredChannel> channel(byte[] channelId) throws StoreException;

  /** Every stored channel, by id. */
  List<StoredChannel> channels() throws StoreException;

  /**
   * The version of every stored channel, by lowercase hex id, without the states. A committed
   * (id, version) names exactly one state: a channel row is only ever replaced by the next version
   * (optimistic concurrency), so equal versions mean equal rows.
   */
  Map<String, Long> channelVersions() throws StoreException;

  /** The approval of the outgoing Lightning payment with this 32-byte payment hash, if any (expired or not). */
  Optional<StoredPaymentApproval> paymentApproval(byte[] paymentHash) throws StoreException;

  /** Every approved outgoing Lightning payment, oldest approval first (expired ones included). */
  List<StoredPaymentApproval> paymentApprovals() throws StoreException;
}
