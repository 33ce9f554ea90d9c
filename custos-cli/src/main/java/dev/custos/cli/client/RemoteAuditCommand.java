package dev.custos.cli.client;

import picocli.CommandLine.Command;

/** {@code custos remote audit verify}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log of a running server.",
    subcommands = {RemoteAuditVerifyCommand.class})
public final class RemoteAuditCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
