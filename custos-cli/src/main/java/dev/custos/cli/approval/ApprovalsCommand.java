package dev.custos.cli.approval;

import dev.custos.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code custos approvals ...}: spend requests opened by PENDING_APPROVAL decisions (docs/approvals.md). */
@Command(name = "approvals", mixinStandardHelpOptions = true, description = "Spend approval requests under the M-of-N approver quorum.",
    subcommands = {ProposalListCommand.class, ProposalShowCommand.class, ApproveCommand.class, RejectCommand.class})
public final class ApprovalsCommand implements Runnable, QuorumGroup {
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
    return true;
  }

  @Override
  public void run() {
    spec.commandLine().usage(main.context().stderr());
  }
}
