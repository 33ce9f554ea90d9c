package dev.custos.cli.commands;

import dev.custos.core.audit.AuditType;
import dev.custos.cli.wallet.Keystores;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.analysis.WalletView;
import dev.custos.core.audit.AuditKey;
import dev.custos.service.audit.AuditTrail;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.sign.HdSigningKeys;
import dev.custos.core.sign.InputSigning;
import dev.custos.core.sign.SigningRefusedException;
import dev.custos.core.sign.SigningResult;
import dev.custos.service.signing.NothingToSignException;
import dev.custos.service.signing.SignOutcome;
import dev.custos.service.signing.SigningWorkflow;
import dev.custos.service.signing.WalletContext;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos psbt sign}: adds this keystore's signatures to a PSBT, through the policy. The
 * decision, its debits and the release are recorded (and audited) before the PSBT is written.
 * Exit 3 with the tags when denied, 4 when pending approval; nothing is written then.
 */
@Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign the inputs of a PSBT that belong to this keystore, if the policy allows.")
public final class PsbtSignCommand implements Callable<Integer> {
  @ParentCommand
  PsbtCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Mixin
  PassphraseOptions passphrase;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "PSBT file (base64 or binary), or - for stdin.")
  String in;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Signed PSBT (base64), or - for stdout.")
  String out;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    Psbt psbt = PsbtFiles.read(ctx, in);
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      var w = node.keystore().wallet();
      WalletContext wallet = new WalletContext(w.network(), new WalletView(w.masterFingerprint(), w.accounts()));
      SigningWorkflow flow = new SigningWorkflow(node.store(), DecisionOutput.parser(w.network()), ctx.clock(), ctx.random(),
          node.config().auditCheckpointInterval(), node.config().approvalTimes());
      SignOutcome outcome;
      try (SecretBytes pass = passphrase.resolve(ctx, false);
          PassphraseSealer sealer = PassphraseSealer.forUnsealing(pass);
          ExtendedPrivateKey master = Keystores.unlock(node.keystore(), sealer);
          AuditKey auditKey = AuditKey.derive(master)) {
        node.store().write(tx -> AuditTrail.append(tx, ctx.clock().instant(), AuditType.KEY_UNLOCK.wireName(),
            java.util.Map.of("sealer", sealer.kind(), "credential", node.config().principal())));
        outcome = flow.sign(psbt, wallet, new HdSigningKeys(master), auditKey, node.config().principal());
      } catch (SigningRefusedException e) {
        throw new CliException(ExitCode.REFUSED, "refused to sign: " + e.getMessage());
      } catch (NothingToSignException e) {
        e.notes().forEach(x -> ctx.stderr().println("custos: " + x));
        throw CliException.badInput(e.getMessage());
      }
      DecisionOutput.printWarnings(ctx, outcome.decision());
      if (outcome.signed().isEmpty()) {
        outcome.decision().budgets().stream().filter(b -> b.startsWith("request ")).forEach(b -> ctx.stderr().println("custos: " + b));
        outcome.approvalRequest().ifPresent(id -> ctx.stderr().println("custos: approval request " + id + " (custos approvals show " + id + ")"));
      }
      DecisionOutput.requireAllowed(outcome.decision());
      SigningResult result = outcome.signed().orElseThrow();
      PsbtFiles.writeBase64(ctx, out, result.psbt());
      for (InputSigning s : result.inputs()) {
        if (s.status() == InputSigning.Status.SIGNED) {
          ctx.stderr().printf("signed input %d (%s): %d signature(s)%n", s.index(), s.scriptType().label(), s.signatures());
        }
      }
      var a = outcome.analysis();
      ctx.stderr().printf("sending %s; fee %s%s%n", AnalysisText.btc(a.amountLeavingSat()),
          a.feeSat().isPresent() ? AnalysisText.btc(a.feeSat().getAsLong()) : "unknown",
          outcome.replayed() ? " (allowed earlier; not debited again)" : "");
      result.warnings().forEach(x -> ctx.stderr().println("warning: " + x));
      a.warnings().stream().filter(x -> !result.warnings().contains(x)).forEach(x -> ctx.stderr().println("warning: " + x));
      return 0;
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "store failure, nothing signed: " + e.getMessage(), e);
    }
  }
}
