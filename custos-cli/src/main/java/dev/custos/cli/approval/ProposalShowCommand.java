package dev.custos.cli.approval;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.core.approval.ApprovalAction;
import dev.custos.service.approval.ApprovalException;
import dev.custos.service.approval.ProposalView;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos admin show ID} / {@code custos approvals show ID}: the proposal, its counted
 * approvals and the exact texts to sign. With {@code --text approve|reject} only that text is
 * printed, without a newline, ready to be signed elsewhere (the offline flow).
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a proposal and the exact text to sign.")
public final class ProposalShowCommand implements Callable<Integer> {
  @ParentCommand
  QuorumGroup parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--text", paramLabel = "ACTION", description = "Print only the text to sign for approve or reject (no newline).")
  String text;

  @Parameters(index = "0", paramLabel = "ID", description = "Proposal id (64 hex digits, or a unique prefix of at least 8).")
  String id;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main().context();
    ApprovalAction action = null;
    if (text != null) {
      action = ApprovalAction.fromId(text).orElseThrow(() -> CliException.badInput("--text must be approve or reject"));
    }
    try (QuorumSession s = QuorumSession.open(ctx, dataDir)) {
      ProposalView v = s.quorum().show(id, parent.spend());
      if (action != null) {
        ctx.stdout().print(v.text(action));
        ctx.stdout().flush();
      } else {
        ProposalOutput.full(ctx.stdout(), v);
      }
      return 0;
    } catch (ApprovalException e) {
      throw QuorumSession.failure(e);
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "store failure: " + e.getMessage(), e);
    }
  }
}
