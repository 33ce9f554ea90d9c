package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.analysis.WalletView;
import dev.custos.core.ln.invoice.Bolt11Exception;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.service.channel.ChannelRefusedException;
import dev.custos.service.channel.PaymentApprovals;
import dev.custos.service.keystore.WalletFile;
import dev.custos.service.signing.WalletContext;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos channels approve-payment}: approves paying a BOLT 11 invoice through
 * {@link PaymentApprovals#approveInvoice} against the wallet's applied spending policy (one budget
 * with on-chain spending). Exit 0 approved (also for a retry of the same approval), 2 bad invoice,
 * 3 refused by policy.
 */
@Command(name = "approve-payment", mixinStandardHelpOptions = true,
    description = "Approve paying a BOLT 11 invoice (verified, debited from the wallet's spending budget, stored).")
public final class ChannelsApprovePaymentCommand implements Callable<Integer> {
  @ParentCommand
  ChannelsCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--invoice", required = true, paramLabel = "BOLT11", description = "The BOLT 11 invoice to pay.")
  String invoice;

  @Option(names = "--max-fee-msat", required = true, paramLabel = "N", description = "The most routing fees the payment may cost.")
  long maxFeeMsat;

  @Option(names = "--amount-msat", paramLabel = "N", description = "The amount to pay, for an invoice without one.")
  Long amountMsat;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      WalletFile w = node.keystore().wallet();
      // The wallet id on-chain spending is debited under (WalletContext), so both share one budget.
      WalletContext wallet = new WalletContext(w.network(), new WalletView(w.masterFingerprint(), w.accounts()));
      PaymentApprovals approvals = new PaymentApprovals(node.store(), DecisionOutput.parser(w.network()), wallet.walletId(),
          w.network(), ctx.clock());
      ApprovedPayment p = approvals.approveInvoice(invoice.strip(), maxFeeMsat,
          amountMsat == null ? OptionalLong.empty() : OptionalLong.of(amountMsat));
      ctx.stdout().println("approved " + p.paymentHash().toHex() + "  amount=" + p.amountMsat() + "msat  max-fee=" + p.maxFeeMsat()
          + "msat  expires=" + p.expiresAt() + "  budget=" + p.debitSat() + "sat");
      return ExitCode.OK;
    } catch (Bolt11Exception e) {
      throw CliException.badInput(e.getMessage());
    } catch (ChannelRefusedException e) {
      throw new CliException(ExitCode.REFUSED, "refused: " + e.getMessage());
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot record the approval: " + e.getMessage(), e);
    }
  }
}
