package dev.custos.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code custos remote admin propose|list|show|approve|reject}: administrative proposals on a running server (docs/approvals.md). */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administrative proposals under the admin quorum, on a running server.",
    subcommands = {RemoteAdminProposeCommand.class, RemoteProposalListCommand.class, RemoteProposalShowCommand.class,
        RemoteApproveCommand.class, RemoteRejectCommand.class})
public final class RemoteAdminCommand implements Runnable, RemoteQuorumGroup {
  @Spec
  CommandSpec spec;

  @Override
  public boolean spend() {
    return false;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
