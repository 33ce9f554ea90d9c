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
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  RelayOptions relay;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The group file to create.")
  Path out;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    GroupPlan plan;
    try {
      plan = GroupFileCodec.parsePlan(CosignerDirectory.readFile(planFile, "DKG plan"));
    } catch (GroupFileException e) {
      throw CliException.badInput(planFile + ": " + e.getMessage());
    }
    NewGroupFile file = NewGroupFile.at(out);
    GroupFile group;
    try {
      group = DkgRelay.run(plan, relay.tls(), relay.timeout());
    } catch (CoordinatorException e) {
      throw new CliException(ExitCode.REFUSED, "the DKG failed: " + e.getMessage());
    }
    file.write(group, "the DKG");
    GroupDescriptor d = GroupDescriptor.of(group);
    ctx.stdout().println("DKG complete: " + plan.threshold() + "-of-" + plan.members().size() + ", group file " + out);
    ctx.stdout().println("descriptor: " + d.tr());
    ctx.stdout().println("address:    " + d.address());
    return 0;
  }
}
