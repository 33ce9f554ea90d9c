package dev.custos.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code custos remote approvals list|show|approve|reject}: spend approval requests on a running server (docs/approvals.md). */
@Command(name = "approvals", mixinStandardHelpOptions = true, description = "Spend approval requests under the approver quorum, on a running server.",
    subcommands = {RemoteProposalListCommand.class, RemoteProposalShowCommand.class, RemoteApproveCommand.class, RemoteRejectCommand.class})
public final class RemoteApprovalsCommand implements Runnable, RemoteQuorumGroup {
  @Spec
  CommandSpec spec;

  @Override
  public boolean spend() {
    return true;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
