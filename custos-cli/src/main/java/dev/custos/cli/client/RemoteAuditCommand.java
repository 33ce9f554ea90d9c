package dev.custos.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code custos remote audit verify|export}. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log of a running server.",
    subcommands = {RemoteAuditVerifyCommand.class, RemoteAuditExportCommand.class})
public final class RemoteAuditCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
