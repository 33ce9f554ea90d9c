package dev.custos.cli.approval;

import dev.custos.core.approval.ApprovalAction;
import picocli.CommandLine.Command;

/** {@code custos admin approve ID} / {@code custos approvals approve ID}. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Hand in an approval of a proposal (signed elsewhere, or with --key).")
public final class ApproveCommand extends SubmitCommand {
  @Override
  ApprovalAction action() {
    return ApprovalAction.APPROVE;
  }
}
