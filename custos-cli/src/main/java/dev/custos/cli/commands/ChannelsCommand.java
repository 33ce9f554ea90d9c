package dev.custos.cli.commands;

import picocli.CommandLine.Command;

/**
 * {@code custos channels ...}: the Lightning channels the signer keeps (read-only) and the
 * outgoing payments it approves (docs/lightning.md).
 */
@Command(name = "channels", mixinStandardHelpOptions = true,
    description = "Show the Lightning channels the signer keeps; approve and list outgoing payments.",
    subcommands = {ChannelsListCommand.class, ChannelsShowCommand.class, ChannelsApprovePaymentCommand.class, ChannelsPaymentsCommand.class})
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
