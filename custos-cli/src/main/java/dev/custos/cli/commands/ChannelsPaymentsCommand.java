package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.store.ReadTx;
import dev.custos.store.StoreException;
import dev.custos.store.StoredPaymentApproval;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code custos channels payments}: one line per approved Lightning payment, oldest first. Read-only. */
@Command(name = "payments", mixinStandardHelpOptions = true, description = "List the approved Lightning payments.")
public final class ChannelsPaymentsCommand implements Callable<Integer> {
  @ParentCommand
  ChannelsCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    List<StoredPaymentApproval> rows;
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      rows = node.store().read(ReadTx::paymentApprovals);
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot list payment approvals: " + e.getMessage(), e);
    }
    Instant now = ctx.clock().instant();
    for (StoredPaymentApproval a : rows) {
      ctx.stdout().println(a.paymentHashHex() + "  " + (now.isBefore(a.expiresAt()) ? "active " : "expired") + "  amount="
          + a.amountMsat() + "msat  max-fee=" + a.maxFeeMsat() + "msat  expires=" + a.expiresAt() + "  approved=" + a.approvedAt()
          + "  " + a.invoice().orElse("(fields stated by the node)"));
    }
    return ExitCode.OK;
  }
}
