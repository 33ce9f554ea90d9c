package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.server.cosigner.CoordinatorException;
import dev.custos.server.cosigner.RepairRelay;
import dev.custos.service.cosigner.GroupFile;
import dev.custos.service.cosigner.GroupMember;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos threshold repair}: relays the repair of member {@code --lost}'s share by the
 * {@code --helpers} (at least {@code t} other members), each running {@code custos cosigner
 * repair}. Writes nothing: the group file does not change.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
    description = "Relay the repair of a member's lost share by t other members.")
public final class ThresholdRepairCommand implements Callable<Integer> {
  @ParentCommand
  ThresholdCommand parent;

  @Option(names = "--group", required = true, paramLabel = "FILE", description = "The group file (its latest version).")
  Path groupFile;

  @Mixin
  RelayOptions relay;

  @Option(names = "--lost", required = true, paramLabel = "ID", description = "The member whose share is repaired (1..n).")
  int lost;

  @Option(names = "--helpers", required = true, split = ",", paramLabel = "ID,ID", description = "At least t other members (1..n).")
  List<Integer> helpers;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    GroupFile group = CosignerDirectory.readGroup(groupFile, CosignerDirectory.readFile(groupFile, "group file"));
    GroupMember lostMember = member(group, "--lost", lost);
    List<GroupMember> helperMembers = new ArrayList<>();
    for (int h : helpers) {
      GroupMember m = member(group, "--helpers", h);
      if (h == lost || helperMembers.contains(m)) {
        throw CliException.badInput("--helpers: member " + h + (h == lost ? " is the lost member" : " is named twice"));
      }
      helperMembers.add(m);
    }
    if (helperMembers.size() < group.plan().threshold()) {
      throw CliException.badInput("--helpers: need at least t=" + group.plan().threshold() + " helpers, got " + helperMembers.size());
    }
    try {
      RepairRelay.run(group, lostMember, helperMembers, relay.tls(), relay.timeout(), ctx.random());
    } catch (CoordinatorException e) {
      throw new CliException(ExitCode.REFUSED, "the repair failed: " + e.getMessage());
    }
    ctx.stdout().println("repair complete: member " + lost + "'s share repaired by members " + helpers);
    ctx.stdout().println("output key: " + HexFormat.of().formatHex(group.outputKey()) + " (unchanged)");
    return 0;
  }

  private static GroupMember member(GroupFile group, String option, int index) throws CliException {
    return group.plan().members().stream().filter(m -> m.index() == index).findFirst()
        .orElseThrow(() -> CliException.badInput(option + ": no member " + index + " in the group (1.." + group.plan().members().size() + ")"));
  }
}
