package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.server.cosigner.CoordinatorException;
import dev.custos.server.cosigner.DkgRelay;
import dev.custos.service.cosigner.GroupDescriptor;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupFileCodec;
import dev.custos.service.cosigner.GroupFileException;
import dev.custos.service.cosigner.GroupPlan;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos threshold dkg}: relays a DKG ceremony among the members of a plan (each running
 * {@code custos cosigner dkg}), then writes the verified group file for coordinators.
 */
@Command(name = "dkg", mixinStandardHelpOptions = true, description = "Relay a DKG among the members of a plan; write the group file.")
public final class ThresholdDkgCommand implements Callable<Integer> {
  @ParentCommand
  ThresholdCommand parent;

  @Option(names = "--plan", required = true, paramLabel = "FILE")
  Path planFile;

  @Option(names = "--tls-dir", required = true, paramLabel = "DIR",
      description = "A member's cosigner data directory: its TLS pair is the relay's client certificate.")
  Path tlsDir;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The group file to create.")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Per call (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    GroupPlan plan;
    try {
      plan = GroupFileCodec.parsePlan(CosignerDirectory.readFile(planFile, "DKG plan"));
    } catch (GroupFileException e) {
      throw CliException.badInput(planFile + ": " + e.getMessage());
    }
    if (Files.exists(out)) {
      throw CliException.badInput(out + " already exists: refusing to overwrite it");
    }
    GroupFile group;
    try {
      group = DkgRelay.run(plan, CosignerDirectory.tlsOf(tlsDir), Duration.ofSeconds(timeoutSeconds));
    } catch (CoordinatorException e) {
      throw new CliException(ExitCode.REFUSED, "the DKG failed: " + e.getMessage());
    }
    try {
      Files.write(out, GroupFileCodec.encodeGroup(group), StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw CliException.badInput(out + " already exists: refusing to overwrite it");
    } catch (IOException e) {
      throw new CliException(ExitCode.INTERNAL, "the DKG completed but " + out + " could not be written: " + e.getClass().getSimpleName());
    }
    GroupDescriptor d = GroupDescriptor.of(group);
    ctx.stdout().println("DKG complete: " + plan.threshold() + "-of-" + plan.members().size() + ", group file " + out);
    ctx.stdout().println("descriptor: " + d.tr());
    ctx.stdout().println("address:    " + d.address());
    return 0;
  }
}
