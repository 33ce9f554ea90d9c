package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.server.cosigner.CoordinatorException;
import dev.custos.server.cosigner.RefreshRelay;
import dev.custos.service.cosigner.GroupFile;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos threshold refresh}: relays a share refresh among all members of a group (each
 * running {@code custos cosigner refresh}), then writes the refreshed, verified group file for
 * coordinators: the same keys, the refresh appended to its chain, the new verifying shares.
 */
@Command(name = "refresh", mixinStandardHelpOptions = true,
    description = "Relay a share refresh among all members of a group; write the refreshed group file.")
public final class ThresholdRefreshCommand implements Callable<Integer> {
  @ParentCommand
  ThresholdCommand parent;

  @Option(names = "--group", required = true, paramLabel = "FILE", description = "The group file to refresh (its latest version).")
  Path groupFile;

  @Mixin
  RelayOptions relay;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The refreshed group file to create.")
  Path out;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    GroupFile group = CosignerDirectory.readGroup(groupFile, CosignerDirectory.readFile(groupFile, "group file"));
    NewGroupFile file = NewGroupFile.at(out);
    GroupFile refreshed;
    try {
      refreshed = RefreshRelay.run(group, relay.tls(), relay.timeout(), ctx.random());
    } catch (CoordinatorException e) {
      throw new CliException(ExitCode.REFUSED, "the refresh failed: " + e.getMessage());
    }
    file.write(refreshed, "the refresh");
    ctx.stdout().println("refresh complete: refresh " + refreshed.refreshes().size() + " of the group, " + group.plan().threshold() + "-of-"
        + group.plan().members().size() + ", group file " + out);
    ctx.stdout().println("output key: " + HexFormat.of().formatHex(refreshed.outputKey()) + " (unchanged)");
    return 0;
  }
}
