package dev.custos.cli.client;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.commands.AuditJsonLines;
import dev.custos.proto.v1.AuditRecord;
import dev.custos.proto.v1.ExportAuditRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code custos remote audit export}: the server's audit log through the streaming {@code
 * ExportAudit} RPC, written exactly as the local {@code audit export} writes it ({@link
 * AuditJsonLines}), so the local verifier can check it.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write a running server's audit log as JSON lines.")
public final class RemoteAuditExportCommand extends RemoteCall {
  @Option(names = "--since", paramLabel = "SEQ|TIME", description = "First record: a sequence number or an RFC 3339 time (UTC).")
  String since;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "-", description = "Output file (default: stdout).")
  String out;

  @Override
  int run(CliContext ctx, RemoteConnection connection) throws CliException {
    AuditJsonLines.Since from = AuditJsonLines.Since.parse(since);
    ExportAuditRequest request = ExportAuditRequest.newBuilder().setFromSeq(from.fromSeq())
        .setSinceTime(from.fromTime().equals(Instant.MIN) ? "" : from.fromTime().toString()).build();
    try (OutputStream os = AuditJsonLines.open(ctx, out)) {
      Iterator<AuditRecord> records = connection.stub().exportAudit(request);
      long n = 0;
      while (records.hasNext()) {
        AuditRecord r = records.next();
        AuditJsonLines.write(os, r.getSeq(), r.getTime(), r.getType(), r.getFieldsMap(), r.getPrevHash(), r.getHash());
        n++;
      }
      os.flush();
      if (!out.equals("-")) {
        ctx.stderr().println("exported " + n + " audit records to " + out);
      }
      return 0;
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + out + ": " + e.getMessage());
    }
  }
}
