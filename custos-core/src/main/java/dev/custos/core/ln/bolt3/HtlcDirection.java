package dev.custos.core.ln.bolt3;

/** An HTLC as seen from the node whose commitment transaction is built (BOLT 3 "local"). */
public enum HtlcDirection {
  /** Offered by the broadcaster: timed out through an HTLC-timeout transaction. */
  OFFERED,
  /** Received by the broadcaster: claimed with the preimage through an HTLC-success transaction. */
  RECEIVED
}
