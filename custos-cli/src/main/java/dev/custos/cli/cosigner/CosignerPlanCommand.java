package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.serve.HostPort;
import dev.custos.core.keys.Network;
import dev.custos.service.cosigner.CosignerCard;
import dev.custos.service.cosigner.GroupFileCodec;
import dev.custos.service.cosigner.GroupMember;
import dev.custos.service.cosigner.GroupPlan;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos cosigner plan}: assembles the DKG plan from the members' cards: a fresh ceremony
 * id, the threshold, and for member {@code i} (in the order given) its identity key, TLS
 * fingerprint and address. Every participant must run the DKG with a copy of this same file.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Write a DKG plan from the members' cards.")
public final class CosignerPlanCommand implements Callable<Integer> {
  @ParentCommand
  CosignerCommand parent;

  @Option(names = "--threshold", required = true, paramLabel = "T", description = "Signatures needed (2 <= T <= members).")
  int threshold;

  @Option(names = "--member", required = true, paramLabel = "HOST:PORT=CARD",
      description = "A member's cosigner address and card file (repeat for each; the order gives identifiers 1..n).")
  List<String> members;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The plan file to create.")
  Path out;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    List<GroupMember> list = new ArrayList<>();
    Network network = null;
    for (String m : members) {
      int eq = m.indexOf('=');
      if (eq <= 0) {
        throw CliException.badInput("--member must be HOST:PORT=CARD, got '" + m + "'");
      }
      HostPort address = HostPort.parse("--member", m.substring(0, eq));
      Path cardFile = Path.of(m.substring(eq + 1));
      CosignerCard card;
      try {
        card = GroupFileCodec.parseCard(CosignerDirectory.readFile(cardFile, "cosigner card"));
      } catch (dev.custos.service.cosigner.GroupFileException e) {
        throw CliException.badInput(cardFile + ": " + e.getMessage());
      }
      if (network != null && network != card.network()) {
        throw CliException.badInput(cardFile + ": network " + card.network().id() + ", but the other members' is " + network.id());
      }
      network = card.network();
      try {
        list.add(new GroupMember(list.size() + 1, card.identityKey(), card.tlsSha256(), address.host(), address.port()));
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--member " + m + ": " + e.getMessage());
      }
    }
    byte[] ceremonyId = new byte[32];
    ctx.random().nextBytes(ceremonyId);
    GroupPlan plan;
    try {
      plan = new GroupPlan(network, ceremonyId, threshold, list);
    } catch (IllegalArgumentException e) {
      throw CliException.badInput(e.getMessage());
    }
    try {
      Files.write(out, GroupFileCodec.encodePlan(plan), java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw CliException.badInput(out + " already exists: refusing to overwrite it");
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + out + ": " + e.getClass().getSimpleName());
    }
    ctx.stdout().println("DKG plan " + out + ": " + threshold + "-of-" + list.size() + " on " + network.id()
        + "; give every member a copy and run 'custos cosigner dkg --plan' on each");
    return 0;
  }
}
