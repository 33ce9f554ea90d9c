package dev.custos.cli.commands;

import picocli.CommandLine.Command;

/** {@code custos policy ...}: validate, apply and show the spending policy. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Validate, apply and show the spending policy (docs/policy.md).",
    subcommands = {PolicyCheckCommand.class, PolicyApplyCommand.class, PolicyShowCommand.class})
public final class PolicyCommand implements Runnable {
  @picocli.CommandLine.ParentCommand
  dev.custos.cli.Main main;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(main.context().stderr());
  }
}
