package dev.custos.cli.approval;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.service.approval.ProposalView;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code custos admin list} / {@code custos approvals list}: every proposal, oldest first, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List proposals (oldest first) with their state.")
public final class ProposalListCommand implements Callable<Integer> {
  @ParentCommand
  QuorumGroup parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main().context();
    try (QuorumSession s = QuorumSession.open(ctx, dataDir)) {
      for (ProposalView v : s.quorum().list(parent.spend())) {
        ctx.stdout().println(ProposalOutput.line(v));
      }
      return 0;
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "store failure: " + e.getMessage(), e);
    }
  }
}
