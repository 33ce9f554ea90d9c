package dev.custos.cli.commands;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit export format (docs/audit.md), shared by {@code audit export} and {@code remote audit
 * export} so both write the same bytes: JSON lines, one record per line, {@code
 * {"seq":..,"time":"..","type":"..","fields":{..},"prevHash":"..","hash":".."}} with fields in
 * key order; and their common {@code --since} and {@code --out} options.
 */
public final class AuditJsonLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  private AuditJsonLines() {}

  /** Where the export starts: a sequence number and a time (records before either are skipped). */
  public record Since(long fromSeq, Instant fromTime) {
    /** {@code --since SEQ|TIME}; null: from the first record. */
    public static Since parse(String since) throws CliException {
      if (since == null) {
        return new Since(0, Instant.MIN);
      }
      if (since.matches("[0-9]{1,18}")) {
        return new Since(Long.parseLong(since), Instant.MIN);
      }
      try {
        return new Since(0, Instant.parse(since));
      } catch (DateTimeParseException e) {
        throw CliException.badInput("--since must be a record number or an RFC 3339 time like 2026-11-23T00:00:00Z");
      }
    }
  }

  /** {@code --out}: a file, or {@code -} for stdout (which closing only flushes). */
  public static OutputStream open(CliContext ctx, String out) throws IOException {
    if (out.equals("-")) {
      return new FilterOutputStream(ctx.stdout()) {
        @Override
        public void close() throws IOException {
          flush();
        }
      };
    }
    return Files.newOutputStream(Path.of(out));
  }

  /** Writes one record as one line. */
  public static void write(OutputStream os, long seq, String time, String type, Map<String, String> fields, String prevHash, String hash)
      throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("seq", seq);
    line.put("time", time);
    line.put("type", type);
    line.put("fields", new TreeMap<>(fields));
    line.put("prevHash", prevHash);
    line.put("hash", hash);
    os.write(JSON.writeValueAsBytes(line));
    os.write('\n');
  }
}
