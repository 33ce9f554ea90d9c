package dev.custos.cli.cosigner;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.commands.PolicyFiles;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.approval.AdminChanges;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos cosigner policy}: validates a policy file (docs/policy.md) and applies it to this
 * cosigner's store with an audit record, in one transaction. A running {@code cosigner serve}
 * decides by it from its next request. Until a policy is applied every request is denied.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Apply a policy file to this cosigner.")
public final class CosignerPolicyCommand implements Callable<Integer> {
  @ParentCommand
  CosignerCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--file", required = true, paramLabel = "F")
  Path file;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    CosignerDirectory dir = CosignerDirectory.open(dataDir);
    PolicyFile p = PolicyFiles.read(file, dir.card().network());
    try (Store store = dir.store()) {
      var applied = store.write(tx -> AdminChanges.applyPolicy(tx, p, System.getProperty("user.name", "unknown"),
          file.getFileName().toString(), ctx.clock().instant()));
      ctx.stdout().println("applied policy version " + applied.version() + " (sha256 " + applied.sha256Hex() + ") to " + dir.path());
      return 0;
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "could not apply the policy (nothing changed): " + e.getMessage(), e);
    }
  }
}
