package dev.custos.cli.commands;

import picocli.CommandLine.Command;

/**
 * {@code custos macaroon ...}: bake, constrain, inspect and revoke macaroons (lncli parity), and
 * the third-party caveat tooling (caveat keys, discharges).
 */
@Command(name = "macaroon", mixinStandardHelpOptions = true,
    description = "Bake, constrain, print and revoke LND-compatible macaroons (docs/macaroons.md).",
    subcommands = {MacaroonBakeCommand.class, MacaroonConstrainCommand.class, MacaroonPrintCommand.class,
        MacaroonListIdsCommand.class, MacaroonDeleteIdCommand.class, MacaroonPermissionsCommand.class,
        MacaroonCaveatKeyCommand.class, MacaroonDischargeCommand.class})
public final class MacaroonCommand implements Runnable {
  @picocli.CommandLine.ParentCommand
  dev.custos.cli.Main main;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(main.context().stderr());
  }
}
