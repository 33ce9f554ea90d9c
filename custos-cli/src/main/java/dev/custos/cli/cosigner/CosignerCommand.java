package dev.custos.cli.cosigner;

import dev.custos.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code custos cosigner}: a FROST share-holder's data directory, DKG and server (docs/frost.md). */
@Command(name = "cosigner", mixinStandardHelpOptions = true,
    description = "FROST cosigner: init, plan, dkg, serve, policy, descriptor, refresh, repair (docs/frost.md).",
    subcommands = {CosignerInitCommand.class, CosignerPlanCommand.class, CosignerDkgCommand.class, CosignerServeCommand.class,
        CosignerPolicyCommand.class, CosignerDescriptorCommand.class, CosignerRefreshCommand.class, CosignerRepairCommand.class})
public final class CosignerCommand implements Runnable {
  @ParentCommand
  Main main;

  @Override
  public void run() {
    new CommandLine(this).usage(main.context().stderr());
  }
}
