package dev.custos.cli.approval;

import dev.custos.cli.Main;

/**
 * A command group over proposals: {@code custos admin} (administrative proposals, decided by the
 * admin set) or {@code custos approvals} (spend requests, decided by the spend approver set).
 */
interface QuorumGroup {
  Main main();

  /** True for spend requests, false for administrative proposals. */
  boolean spend();
}
