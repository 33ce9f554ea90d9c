package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code custos policy show}: the policy in force, exactly as applied. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the policy in force.")
public final class PolicyShowCommand implements Callable<Integer> {
  @ParentCommand
  PolicyCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      Optional<AppliedPolicy> p = node.store().read(tx -> tx.currentPolicy());
      if (p.isEmpty()) {
        ctx.stdout().println("no policy applied: every signing request is denied (policy-none-applied)");
        return 0;
      }
      AppliedPolicy a = p.get();
      ctx.stdout().println("# policy version " + a.version() + ", sha256 " + a.sha256Hex() + ", applied " + a.appliedAt()
          + " by " + a.appliedBy());
      ctx.stdout().print(a.text().endsWith("\n") ? a.text() : a.text() + "\n");
      return 0;
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot read the policy: " + e.getMessage(), e);
    }
  }
}
