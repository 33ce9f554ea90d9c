package dev.custos.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code custos remote macaroon bake|list-ids|delete-id|permissions}: LND's macaroon RPCs. */
@Command(name = "macaroon", mixinStandardHelpOptions = true, description = "Bake, list and revoke macaroons on a running server.",
    subcommands = {RemoteMacaroonBakeCommand.class, RemoteMacaroonListIdsCommand.class, RemoteMacaroonDeleteIdCommand.class,
        RemoteMacaroonPermissionsCommand.class})
public final class RemoteMacaroonCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
