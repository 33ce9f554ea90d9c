package dev.custos.cli.commands;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.audit.AuditRecord;
import dev.custos.service.audit.StoredAuditRecords;
import dev.custos.store.StoreUncheckedException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos audit export}: the audit log as JSON lines, one record per line ({@link
 * AuditJsonLines}).
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write the audit log as JSON lines.")
public final class AuditExportCommand implements Callable<Integer> {
  @ParentCommand
  AuditCommand parent;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR")
  Path dataDir;

  @Option(names = "--since", paramLabel = "SEQ|TIME", description = "First record: a sequence number or an RFC 3339 time (UTC).")
  String since;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "-", description = "Output file (default: stdout).")
  String out;

  @Override
  public Integer call() throws CliException {
    CliContext ctx = parent.main.context();
    AuditJsonLines.Since from = AuditJsonLines.Since.parse(since);
    try (NodeSession node = NodeSession.open(ctx, dataDir); OutputStream os = AuditJsonLines.open(ctx, out)) {
      var it = new StoredAuditRecords(node.store(), from.fromSeq());
      long n = 0;
      while (it.hasNext()) {
        AuditRecord r = it.next();
        if (r.time().isBefore(from.fromTime())) {
          continue;
        }
        AuditJsonLines.write(os, r.seq(), r.time().toString(), r.type(), r.fields(), r.prevHash().toHex(), r.hash().toHex());
        n++;
      }
      os.flush();
      if (!out.equals("-")) {
        ctx.stderr().println("exported " + n + " audit records to " + out);
      }
      return 0;
    } catch (StoreUncheckedException e) {
      throw CliException.badInput("audit log unreadable: " + e.getMessage());
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + out + ": " + e.getMessage());
    }
  }
}
