package dev.custos.cli.cosigner;

import dev.custos.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code custos threshold}: the coordinator of FROST cosigners (relays a DKG, runs signing sessions). */
@Command(name = "threshold", mixinStandardHelpOptions = true,
    description = "Coordinate FROST cosigners: relay a DKG, sign a PSBT, relay a share refresh or repair (docs/frost.md).",
    subcommands = {ThresholdDkgCommand.class, ThresholdSignCommand.class, ThresholdRefreshCommand.class, ThresholdRepairCommand.class})
public final class ThresholdCommand implements Runnable {
  @ParentCommand
  Main main;

  @Override
  public void run() {
    new CommandLine(this).usage(main.context().stderr());
  }
}
