package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.analysis.WalletView;
import dev.custos.core.psbt.Psbt;
import dev.custos.service.signing.SignOutcome;
import dev.custos.service.signing.SigningWorkflow;
import dev.custos.service.signing.WalletContext;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos psbt check}: dry run of the policy — would this PSBT be signed now, and what budget
 * would remain? Changes nothing. Exit code as for sign: 0 allow, 3 deny, 4 pending approval.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Dry run: would the policy allow this PSBT now? Changes nothing.")
public final class PsbtCheckCommand implements Callable<Integer> {
  @ParentCommand
  PsbtCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "PSBT file (base64 or binary), or - for stdin.")
  String in;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    Psbt psbt = PsbtFiles.read(ctx, in);
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      var w = node.keystore().wallet();
      WalletContext wallet = new WalletContext(w.network(), new WalletView(w.masterFingerprint(), w.accounts()));
      SigningWorkflow flow = new SigningWorkflow(node.store(), DecisionOutput.parser(w.network()), ctx.clock(), ctx.random(),
          node.config().auditCheckpointInterval(), node.config().approvalTimes());
      SignOutcome o = flow.check(psbt, wallet, node.config().principal());
      AnalysisText.print(ctx.stdout(), o.analysis(), true);
      DecisionOutput.print(ctx.stdout(), o.decision());
      if (o.replayed()) {
        ctx.stdout().println("  (already allowed earlier: signing again will not debit twice)");
      }
      return DecisionOutput.exitCode(o.decision());
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "store failure: " + e.getMessage(), e);
    }
  }
}
