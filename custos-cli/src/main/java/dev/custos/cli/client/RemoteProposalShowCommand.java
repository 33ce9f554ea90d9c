package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.approval.ProposalOutput;
import dev.custos.proto.v1.ProposalInfo;
import dev.custos.proto.v1.ShowProposalRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos remote admin show ID} / {@code custos remote approvals show ID}: as the local
 * {@code show}; {@code --text approve|reject} prints only that text, without a newline, for an
 * approver to sign anywhere.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a proposal and the exact text to sign.")
public final class RemoteProposalShowCommand extends RemoteCall {
  @ParentCommand
  RemoteQuorumGroup parent;

  @Option(names = "--text", paramLabel = "ACTION", description = "Print only the text to sign for approve or reject (no newline).")
  String text;

  @Parameters(index = "0", paramLabel = "ID", description = "Proposal id (64 hex digits, or a unique prefix of at least 8).")
  String id;

  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    if (text != null && !text.equals("approve") && !text.equals("reject")) {
      throw CliException.badInput("--text must be approve or reject");
    }
    ShowProposalRequest request = ShowProposalRequest.newBuilder().setId(id).build();
    ProposalInfo p = (parent.spend() ? connection.stub().showApproval(request) : connection.stub().showProposal(request)).getProposal();
    if (text == null) {
      ProposalOutput.full(ctx.stdout(), p);
    } else {
      ctx.stdout().print(text.equals("approve") ? p.getApproveText() : p.getRejectText());
      ctx.stdout().flush();
    }
    return 0;
  }
}
