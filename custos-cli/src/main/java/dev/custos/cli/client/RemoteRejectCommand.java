package dev.custos.cli.client;

import dev.custos.proto.v1.ProposalInfo;
import dev.custos.proto.v1.SubmitApprovalRequest;
import picocli.CommandLine.Command;

/** {@code custos remote admin reject ID} / {@code custos remote approvals reject ID}: a rejection, or a veto during a delay. */
@Command(name = "reject", mixinStandardHelpOptions = true, description = "Hand in a rejection (or veto) of a proposal.")
public final class RemoteRejectCommand extends RemoteSubmitCommand {
  @Override
  String action() {
    return "reject";
  }

  @Override
  ProposalInfo submit(RemoteConnection connection, SubmitApprovalRequest request) {
    return (parent.spend() ? connection.stub().reject(request) : connection.stub().rejectProposal(request)).getProposal();
  }
}
