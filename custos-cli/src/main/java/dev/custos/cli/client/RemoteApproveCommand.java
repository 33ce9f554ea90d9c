package dev.custos.cli.client;

import dev.custos.proto.v1.ProposalInfo;
import dev.custos.proto.v1.SubmitApprovalRequest;
import picocli.CommandLine.Command;

/** {@code custos remote admin approve ID} / {@code custos remote approvals approve ID}. */
@Command(name = "approve", mixinStandardHelpOptions = true, description = "Hand in an approval of a proposal (signed elsewhere, or with --key).")
public final class RemoteApproveCommand extends RemoteSubmitCommand {
  @Override
  String action() {
    return "approve";
  }

  @Override
  ProposalInfo submit(RemoteConnection connection, SubmitApprovalRequest request) {
    return (parent.spend() ? connection.stub().approve(request) : connection.stub().approveProposal(request)).getProposal();
  }
}
