package dev.custos.core.ln.bolt3;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.TxOut;

/**
 * One output of a built commitment transaction with what is needed to spend it. "Local" is the
 * broadcaster.
 */
public sealed interface CommitmentOutput {
  TxOut txOut();

  /** The witness script; empty for the P2WPKH {@code to_remote} of static_remotekey channels. */
  ByteVector witnessScript();

  /** The broadcaster's balance, delayed by its {@code to_self_delay}, revocable. */
  record ToLocal(TxOut txOut, ByteVector witnessScript) implements CommitmentOutput {}

  /** The other node's balance: P2WPKH, or 1-CSV P2WSH with anchors. */
  record ToRemote(TxOut txOut, ByteVector witnessScript) implements CommitmentOutput {}

  /** An anchor of the broadcaster ({@code local}) or of the other node. */
  record Anchor(boolean local, TxOut txOut, ByteVector witnessScript) implements CommitmentOutput {}

  /** An untrimmed HTLC, offered or received by the broadcaster. */
  record HtlcOutput(Htlc htlc, TxOut txOut, ByteVector witnessScript) implements CommitmentOutput {}
}
