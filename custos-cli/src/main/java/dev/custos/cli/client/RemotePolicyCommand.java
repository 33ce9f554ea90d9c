package dev.custos.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code custos remote policy show}. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "The policy of a running server.",
    subcommands = {RemotePolicyShowCommand.class})
public final class RemotePolicyCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
