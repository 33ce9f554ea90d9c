package dev.custos.cli.commands;

import picocli.CommandLine.Command;

/** {@code custos channels ...}: read-only view of the Lightning channels the signer keeps (docs/lightning.md). */
@Command(name = "channels", mixinStandardHelpOptions = true, description = "Show the Lightning channels the signer keeps (read-only).",
    subcommands = {ChannelsListCommand.class, ChannelsShowCommand.class})
public final class ChannelsCommand implements Runnable {
  @picocli.CommandLine.ParentCommand
  dev.custos.cli.Main main;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(main.context().stderr());
  }
}
