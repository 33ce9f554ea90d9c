package dev.custos.cli.commands;

import dev.custos.service.audit.StoredAuditRecords;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.node.NodeSession;
import dev.custos.core.audit.AuditRecord;
import dev.custos.store.StoreUncheckedException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code custos audit export}: the audit log as JSON lines, one record per line:
 * {@code {"seq":..,"time":"..","type":"..","fields":{..},"prevHash":"..","hash":".."}}.
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
    long fromSeq = 0;
    Instant fromTime = Instant.MIN;
    if (since != null) {
      if (since.matches("[0-9]{1,18}")) {
        fromSeq = Long.parseLong(since);
      } else {
        try {
          fromTime = Instant.parse(since);
        } catch (DateTimeParseException e) {
          throw CliException.badInput("--since must be a record number or an RFC 3339 time like 2026-11-23T00:00:00Z");
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    json.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    try (NodeSession node = NodeSession.open(ctx, dataDir);
        OutputStream os = out.equals("-") ? new java.io.FilterOutputStream(ctx.stdout()) {
          @Override
          public void close() throws IOException {
            flush();
          }
        } : Files.newOutputStream(Path.of(out))) {
      var it = new StoredAuditRecords(node.store(), fromSeq);
      long n = 0;
      while (it.hasNext()) {
        AuditRecord r = it.next();
        if (r.time().isBefore(fromTime)) {
          continue;
        }
        Map<String, Object> line = new java.util.LinkedHashMap<>();
        line.put("seq", r.seq());
        line.put("time", r.time().toString());
        line.put("type", r.type());
        line.put("fields", r.fields());
        line.put("prevHash", r.prevHash().toHex());
        line.put("hash", r.hash().toHex());
        os.write(json.writeValueAsBytes(line));
        os.write('\n');
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
