package dev.custos.cli.commands;

import picocli.CommandLine.Command;

/** {@code custos audit ...}: verify and export the tamper-evident audit log (docs/audit.md). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify and export the audit log.",
    subcommands = {AuditVerifyCommand.class, AuditExportCommand.class})
public final class AuditCommand implements Runnable {
  @picocli.CommandLine.ParentCommand
  dev.custos.cli.Main main;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(main.context().stderr());
  }
}
