package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.approval.ProposalOutput;
import dev.custos.proto.v1.ListProposalsRequest;
import dev.custos.proto.v1.ListProposalsResponse;
import dev.custos.proto.v1.ProposalInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code custos remote admin list} / {@code custos remote approvals list}: as the local {@code list}, from the server. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List proposals (oldest first) with their state.")
public final class RemoteProposalListCommand extends RemoteCall {
  @ParentCommand
  RemoteQuorumGroup parent;

  @Override
  int run(CliContext ctx, RemoteConnection connection) {
    ListProposalsRequest none = ListProposalsRequest.getDefaultInstance();
    ListProposalsResponse r = parent.spend() ? connection.stub().listApprovals(none) : connection.stub().listProposals(none);
    for (ProposalInfo p : r.getProposalsList()) {
      ctx.stdout().println(ProposalOutput.line(p));
    }
    return 0;
  }
}
