package dev.custos.cli.client;

/**
 * {@code custos remote admin} (administrative proposals) or {@code custos remote approvals} (spend
 * requests): the same subcommands, calling the admin or the spend RPCs.
 */
interface RemoteQuorumGroup {
  /** True for spend requests, false for administrative proposals. */
  boolean spend();
}
