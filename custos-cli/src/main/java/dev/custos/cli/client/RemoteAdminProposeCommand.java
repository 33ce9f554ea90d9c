package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.approval.ProposalOutput;
import dev.custos.proto.v1.ApproverSetChange;
import dev.custos.proto.v1.PolicyChange;
import dev.custos.proto.v1.ProposalInfo;
import dev.custos.proto.v1.ProposeAdminChangeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code custos remote admin propose policy --file F} or {@code ... admin-set|approver-set --key
 * KEY... --threshold M}: proposes a change on a running server; it takes effect with the admin
 * quorum. The macaroon used is the proposal's initiator and cannot approve it.
 */
@Command(name = "propose", mixinStandardHelpOptions = true, description = "Propose a policy, a new admin set or a new spend approver set.")
public final class RemoteAdminProposeCommand extends RemoteCall {
  @Parameters(index = "0", paramLabel = "WHAT", description = "policy, admin-set or approver-set.")
  String what;

  @Option(names = "--file", paramLabel = "FILE", description = "The policy document (for WHAT = policy).")
  Path file;

  @Option(names = "--key", paramLabel = "KEY", description = "An approver key or address (repeat for each; for a set).")
  List<String> keys = List.of();

  @Option(names = "--threshold", paramLabel = "M", description = "Approvals needed (1..number of keys; for a set).")
  Integer threshold;

  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    ProposeAdminChangeRequest.Builder request = ProposeAdminChangeRequest.newBuilder();
    switch (what) {
      case "policy" -> {
        if (file == null || !keys.isEmpty() || threshold != null) {
          throw CliException.badInput("propose policy takes --file FILE (and no --key/--threshold)");
        }
        request.setPolicy(PolicyChange.newBuilder().setText(read(file)).setSource(file.getFileName().toString()));
      }
      case "admin-set", "approver-set" -> {
        if (file != null || keys.isEmpty() || threshold == null) {
          throw CliException.badInput("propose " + what + " takes --key KEY... --threshold M (and no --file)");
        }
        ApproverSetChange set = ApproverSetChange.newBuilder().addAllKeys(keys).setThreshold(threshold).build();
        if (what.equals("admin-set")) {
          request.setAdminSet(set);
        } else {
          request.setApproverSet(set);
        }
      }
      default -> throw CliException.badInput("WHAT must be policy, admin-set or approver-set");
    }
    ProposalInfo p = connection.stub().proposeAdminChange(request.build()).getProposal();
    ctx.stdout().println("proposed " + p.getKind() + ": " + p.getSummary());
    ProposalOutput.full(ctx.stdout(), p);
    return 0;
  }

  private static String read(Path file) throws CliException {
    try {
      if (Files.size(file) > 1024 * 1024) {
        throw CliException.badInput("policy file " + file + " is larger than 1 MiB");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.badInput("cannot read policy file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
