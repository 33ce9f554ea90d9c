package dev.custos.cli.commands;

import dev.custos.core.audit.AuditType;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos policy apply}: validates and applies a policy, recording the exact text, its hash
 * and an audit record in one transaction. (The quorum issue will put this under M-of-N.)
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
      AppliedPolicy applied = node.store().write(tx -> {
        long version = tx.currentPolicy().map(AppliedPolicy::version).orElse(0L) + 1;
        var now = ctx.clock().instant();
        AppliedPolicy a = new AppliedPolicy(version, p.text(), p.sha256Hex(), now, by);
        tx.applyPolicy(a);
        AuditTrail.append(tx, now, AuditType.POLICY_APPLY.wireName(), Map.of("version", Long.toString(version), "sha256", p.sha256Hex(),
            "appliedBy", by, "source", file.getFileName().toString()));
        return a;
      });
      ctx.stdout().println("applied policy version " + applied.version() + " (sha256 " + applied.sha256Hex() + ")");
      return 0;
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "could not apply the policy (nothing changed): " + e.getMessage(), e);
    }
  }
}
