package dev.custos.store;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.policy.Debit;
import java.time.Instant;
import java.util.List;

/** Writes inside one transaction (see {@link Store#write}). */
public interface WriteTx extends ReadTx {
  /**
   * Records a decision. At most one per (wallet, unsigned txid): recording a second one throws
   * {@link StoreException}; callers look it up first and reuse it (a retry never debits twice).
   */
  void recordDecision(RecordedDecision decision) throws StoreException;

  /** Adds each debit (amount and one transaction) to its velocity budget at time {@code at}. */
  void debit(List<Debit> debits, Instant at, String unsignedTxid) throws StoreException;

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
   * Stores a channel's state: version 1 creates the channel (refused if it exists), version
   * {@code v > 1} replaces exactly stored version {@code v - 1}. Otherwise {@link StoreException}
   * and nothing is written: a state computed from a stale read never lands.
   */
  void putChannel(StoredChannel channel) throws StoreException;
}
