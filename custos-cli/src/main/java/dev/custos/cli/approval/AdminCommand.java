package dev.custos.cli.approval;

import dev.custos.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custos admin ...}: administrative proposals decided by the admin quorum (docs/approvals.md). */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administrative proposals under the M-of-N admin quorum.",
    subcommands = {AdminProposeCommand.class, ProposalListCommand.class, ProposalShowCommand.class, ApproveCommand.class, RejectCommand.class})
public final class AdminCommand implements Runnable, QuorumGroup {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Override
  public Main main() {
    return main;
  }

  @Override
  public boolean spend() {
    return false;
  }

  @Override
  public void run() {
    spec.commandLine().usage(main.context().stderr());
  }
}
