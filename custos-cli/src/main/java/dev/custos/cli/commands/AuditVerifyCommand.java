package dev.custos.cli.commands;

import dev.custos.service.audit.StoredAuditRecords;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.audit.AuditVerification;
import dev.custos.core.audit.AuditVerifier;
import dev.custos.store.StoreUncheckedException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos audit verify}: checks the whole hash chain and every checkpoint signature against
 * the keystore's audit key; names the first broken record. Exit 0 when intact, 2 when broken.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify the audit chain and its signed checkpoints.")
public final class AuditVerifyCommand implements Callable<Integer> {
  @ParentCommand
  AuditCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    try (NodeSession node = NodeSession.open(ctx, dataDir)) {
      AuditVerification v = AuditVerifier.verify(new StoredAuditRecords(node.store(), 0),
          Optional.of(node.keystore().wallet().auditKey()));
      if (!v.ok()) {
        throw CliException.badInput("audit log BROKEN at record " + v.firstBrokenSeq().orElse(-1) + ": " + v.reason().orElse("?")
            + " (" + v.recordsChecked() + " records checked before it)");
      }
      ctx.stdout().println("audit log intact: " + v.recordsChecked() + " records, " + v.checkpointsChecked()
          + " signed checkpoints" + (v.lastSeq().isPresent() ? ", last record " + v.lastSeq().getAsLong() : "")
          + (v.unsealedTail() > 0 ? "; " + v.unsealedTail() + " records after the last checkpoint are not yet sealed" : ""));
      ctx.stdout().println("audit key " + node.keystore().wallet().auditKey().value.toHex());
      return 0;
    } catch (StoreUncheckedException e) {
      throw CliException.badInput("audit log BROKEN: " + e.getMessage());
    }
  }
}
