package dev.custos.cli.commands;

import picocli.CommandLine.Command;

/** {@code custos psbt ...}: PSBT inspection and signing. */
@Command(name = "psbt", mixinStandardHelpOptions = true, description = "Inspect and sign PSBTs (BIP174 v0, BIP370 v2).",
    subcommands = {PsbtInspectCommand.class, PsbtCheckCommand.class, PsbtSignCommand.class})
public final class PsbtCommand implements Runnable {
  @picocli.CommandLine.ParentCommand
  dev.custos.cli.Main main;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(main.context().stderr());
  }
}
