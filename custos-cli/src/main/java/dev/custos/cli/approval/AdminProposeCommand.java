package dev.custos.cli.approval;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.core.approval.ApproverSet;
import dev.custos.service.approval.ApprovalException;
import dev.custos.service.approval.ApproverSetText;
import dev.custos.service.approval.ProposalView;
import dev.custos.store.ApproverRole;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos admin propose admin-set|approver-set --key KEY... --threshold M}: proposes a new
 * admin set or spend approver set; it takes effect with the current admin quorum. (A policy is
 * proposed with {@code custos policy apply}, which becomes a proposal once an admin set exists.)
 */
@Command(name = "propose", mixinStandardHelpOptions = true, description = "Propose a new admin set or spend approver set.")
public final class AdminProposeCommand implements Callable<Integer> {
  @ParentCommand
  AdminCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Parameters(index = "0", paramLabel = "WHAT", description = "admin-set or approver-set.")
  String what;

  @Option(names = "--key", required = true, paramLabel = "KEY", description = "An approver key or address (repeat for each).")
  List<String> keys;

  @Option(names = "--threshold", required = true, paramLabel = "M", description = "Approvals needed (1..number of keys).")
  int threshold;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main().context();
    ApproverRole role = switch (what) {
      case "admin-set" -> ApproverRole.ADMIN;
      case "approver-set" -> ApproverRole.SPEND;
      default -> throw CliException.badInput("WHAT must be admin-set or approver-set (a policy is proposed with 'custos policy apply')");
    };
    try (QuorumSession s = QuorumSession.open(ctx, dataDir)) {
      ApproverSet set = ApproverSetText.of(keys, threshold, s.node().keystore().wallet().network());
      ProposalView v = s.quorum().proposeSet(role, set, s.node().config().principal());
      ctx.stdout().println("proposed " + v.stored().proposal().kind().id() + ": " + ApproverSetText.render(set));
      ProposalOutput.full(ctx.stdout(), v);
      return 0;
    } catch (ApprovalException e) {
      throw QuorumSession.failure(e);
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "store failure, nothing proposed: " + e.getMessage(), e);
    }
  }
}
