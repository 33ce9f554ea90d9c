package dev.custos.store;

import dev.custos.core.approval.RequestHash;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.policy.Debit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Writes inside one transaction (see {@link Store#write}). */
public interface WriteTx extends ReadTx {
  /**
   * Runs {@code action} once this work's writes are committed (durable), on the committing
   * thread, before any caller of the batch returns; never if they roll back. For in-memory caches
   * of committed rows: the action must be quick, must not use the store, and must not throw (the
   * commit cannot be undone; what it throws is dropped).
   */
  void afterCommit(Runnable action) throws StoreException;

  /**
   * Records a decision. At most one per (wallet, unsigned txid): recording a second one throws
   * {@link StoreException}; callers look it up first and reuse it (a retry never debits twice).
   */
  void recordDecision(RecordedDecision decision) throws StoreException;

  /**
   * Adds each debit (amount and one transaction) to its velocity budget at time {@code at}, for a
   * spend without a recorded decision (a Lightning payment approval): {@code unsignedTxid} names
   * it in the debit ledger, and a transaction never debits the same budget twice (throws
   * {@link StoreException}). A signature's debits go through {@link #debitDecision}.
   */
  void debit(List<Debit> debits, Instant at, String unsignedTxid) throws StoreException;

  /**
   * Debits the decision recorded for (wallet, unsigned txid): adds each debit to its velocity
   * budget at time {@code at} and marks the decision debited, with the debits listed on it. At
   * most once per decision: a second call, or a call without a recorded decision, throws
   * {@link StoreException} and debits nothing.
   */
  void debitDecision(String walletId, String unsignedTxid, List<Debit> debits, Instant at) throws StoreException;

  void addPendingApproval(PendingApproval request) throws StoreException;

  /** Makes {@code policy} the one in force (keeps the history of applied versions). */
  void applyPolicy(AppliedPolicy policy) throws StoreException;

  /**
   * Appends {@code record}; it must extend the chain: {@code seq == head.seq + 1} and
   * {@code prevHash == head.hash} (or seq 0 and the genesis hash on an empty log), else
   * {@link StoreException} and nothing is written.
   */
  void appendAudit(AuditRecord record) throws StoreException;

  /** Raises the high-water mark to {@code t} if it is later (never lowers it). */
  void advanceHighWaterMark(Instant t) throws StoreException;

  /**
   * Stores a macaroon root key under its id. An id is never reused nor overwritten: if one is
   * already stored under it, {@link StoreException} and nothing is written.
   */
  void putMacaroonRootKey(StoredRootKey key) throws StoreException;

  /**
   * Deletes the root key stored under {@code id}, revoking every macaroon minted with it.
   *
   * @return whether a root key was stored under {@code id}
   */
  boolean deleteMacaroonRootKey(byte[] id) throws StoreException;

  /**
   * Stores a participant's sealed FROST round-one nonces for a signing session as UNUSED, bound to
   * {@code nonces.psbtHash()}. Never overwrites: if the session already has nonces for that
   * participant, {@link StoreException} and nothing is written.
   */
  void putFrostNonces(StoredFrostNonces nonces) throws StoreException;

  /**
   * Marks a participant's nonces for {@code sessionId} USED, exactly once, and returns the updated
   * row (with the sealed blob, to unseal only now). Call it, and let the transaction commit,
   * <em>before</em> computing the signature share. Throws {@link StoreException} (and changes
   * nothing) when there are no such nonces, when they were already USED, or when they are bound
   * to another PSBT hash; of two concurrent attempts at most one succeeds.
   */
  StoredFrostNonces markFrostNoncesUsed(byte[] sessionId, byte[] participant, byte[] psbtHash, Instant at) throws StoreException;

  /**
   * Stores a new version of an approver set; {@code set.version()} must be the current version
   * of its role plus one (1 for the first), else {@link StoreException} and nothing is written.
   */
  void putApproverSet(StoredApproverSet set) throws StoreException;

  /** Stores a new proposal; a hash is never reused (a second one throws {@link StoreException}). */
  void addProposal(StoredProposal proposal) throws StoreException;

  /**
   * Moves an open (PENDING or SCHEDULED) proposal to {@code state} at {@code at}, with its
   * effective time; a closed or unknown proposal throws {@link StoreException}.
   */
  void setProposalState(RequestHash proposal, ProposalState state, Optional<Instant> scheduledAt, Instant at) throws StoreException;

  /**
   * Records a counted approval of an open proposal; at most one per (proposal, approver, action),
   * else {@link StoreException} and nothing is written.
   */
  void addApproval(StoredApproval approval) throws StoreException;

  /** Links a pending approval to its spend proposal (each at most once). */
  void linkSpendProposal(String pendingApprovalId, RequestHash proposal) throws StoreException;

  /**
   * Stores a channel's state: version 1 creates the channel (refused if it exists), version
   * {@code v > 1} replaces exactly stored version {@code v - 1}. Otherwise {@link StoreException}
   * and nothing is written: a state computed from a stale read never lands.
   */
  void putChannel(StoredChannel channel) throws StoreException;

  /**
   * Records an approved outgoing Lightning payment. Rows are never replaced: an approval of a
   * payment hash that is already approved is refused with {@link StoreException} and nothing is
   * written.
   */
  void putPaymentApproval(StoredPaymentApproval approval) throws StoreException;
}
