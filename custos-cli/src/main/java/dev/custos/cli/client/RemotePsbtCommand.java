package dev.custos.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code custos remote psbt sign|check}. */
@Command(name = "psbt", mixinStandardHelpOptions = true, description = "Check or sign a PSBT on a running server.",
    subcommands = {RemotePsbtSignCommand.class, RemotePsbtCheckCommand.class})
public final class RemotePsbtCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
