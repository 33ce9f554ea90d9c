package dev.custos.cli.commands;

import dev.custos.core.approval.ApprovalAction;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.service.approval.AdminChanges;
import dev.custos.service.approval.ApprovalException;
import dev.custos.service.approval.ProposalView;
import dev.custos.service.approval.QuorumService;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos policy apply}: validates a policy; without an admin set, applies it, recording the
 * exact text, its hash and an audit record in one transaction; with an admin set, proposes it
 * instead: it takes effect only with the admin quorum ({@code custos admin approve}).
 */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Validate and apply a policy file to a keystore.")
public final class PolicyApplyCommand implements Callable<Integer> {
  @ParentCommand
  PolicyCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--file", required = true, paramLabel = "F")
  Path file;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      PolicyFile p = PolicyFiles.read(file, node.keystore().wallet().network());
      String by = node.config().principal();
      QuorumService quorum = new QuorumService(node.store(), node.keystore().wallet().network(), node.config().approvalTimes(),
          ctx.clock(), ctx.random());
      if (quorum.adminQuorum()) {
        ProposalView v = quorum.proposePolicy(p, by);
        ctx.stdout().println("an admin set exists: proposed the policy (sha256 " + p.sha256Hex() + "); it takes effect with "
            + v.threshold() + " admin approvals");
        ctx.stdout().println("proposal " + v.id() + " (custos admin show " + v.id() + ")");
        ctx.stdout().println("sign this text to approve: " + v.text(ApprovalAction.APPROVE));
        return 0;
      }
      AppliedPolicy applied = node.store().write(tx -> AdminChanges.applyPolicy(tx, p, by, file.getFileName().toString(), ctx.clock().instant()));
      ctx.stdout().println("applied policy version " + applied.version() + " (sha256 " + applied.sha256Hex() + "); no admin set, so it applies directly");
      return 0;
    } catch (ApprovalException e) {
      throw CliException.badInput(e.getMessage());
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "could not apply the policy (nothing changed): " + e.getMessage(), e);
    }
  }
}
