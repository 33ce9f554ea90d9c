package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.proto.v1.VerifyAuditRequest;
import dev.custos.proto.v1.VerifyAuditResponse;
import picocli.CommandLine.Command;

/**
 * {@code custos remote audit verify}: the server checks its audit chain and checkpoints. A broken
 * chain is exit 2 naming the first broken record, like the local {@code audit verify}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Have a running server verify its audit log.")
public final class RemoteAuditVerifyCommand extends RemoteCall {
  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    VerifyAuditResponse v = connection.stub().verifyAudit(VerifyAuditRequest.getDefaultInstance());
    if (!v.getIntact()) {
      throw CliException.badInput("audit log BROKEN at record " + (v.hasFirstBrokenSeq() ? v.getFirstBrokenSeq() : -1) + ": "
          + v.getReason() + " (" + v.getRecordsChecked() + " records checked before it)");
    }
    ctx.stdout().println("audit log intact: " + v.getRecordsChecked() + " records, " + v.getCheckpointsChecked()
        + " signed checkpoints" + (v.hasLastSeq() ? ", last record " + v.getLastSeq() : "")
        + (v.getUnsealedTail() > 0 ? "; " + v.getUnsealedTail() + " records after the last checkpoint are not yet sealed" : ""));
    ctx.stdout().println("audit key " + v.getAuditKey());
    return 0;
  }
}
