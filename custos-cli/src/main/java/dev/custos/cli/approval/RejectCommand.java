package dev.custos.cli.approval;

import dev.custos.core.approval.ApprovalAction;
import picocli.CommandLine.Command;

/**
 * {@code custos admin reject ID} / {@code custos approvals reject ID}: one approver's reject refuses
 * the proposal; during a cool-down or spend delay it is the veto.
 */
@Command(name = "reject", mixinStandardHelpOptions = true, description = "Hand in a rejection (or veto) of a proposal.")
public final class RejectCommand extends SubmitCommand {
  @Override
  ApprovalAction action() {
    return ApprovalAction.REJECT;
  }
}
