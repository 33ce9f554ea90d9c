package dev.custos.cli.client;

import picocli.CommandLine.Command;

/** {@code custos remote policy show}. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "The policy of a running server.",
    subcommands = {RemotePolicyShowCommand.class})
public final class RemotePolicyCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
