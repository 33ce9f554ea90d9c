package dev.custos.service.config;

import dev.custos.service.approval.ApprovalTimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node configuration: {@code custos.conf} in the data directory (optional), overridden by
 * environment variables. Documented in docs/config.md.
 *
 * <p>File format: one {@code key = value} per line; {@code #} starts a comment line; blank lines
 * ignored. Unknown keys, duplicate keys and malformed lines are errors naming the line. Each key
 * {@code a.b-c} can be overridden by the environment variable {@code CUSTOS_A_B_C}.
 *
 * @param storeUrl JDBC URL of the store; default {@code jdbc:sqlite:<data-dir>/custos.db}
 * @param storeUser PostgreSQL user (if not in the URL)
 * @param storePassword PostgreSQL password (prefer the environment variable)
 * @param auditCheckpointInterval records between signed audit checkpoints
 * @param principal the credential name of local CLI requests; default {@code local:<os user>}
 * @param approvalTimes {@code approval.expiry} (default 72h), {@code approval.cooldown} and
 *     {@code approval.spend-delay} (default 0): see docs/approvals.md
 */
public record NodeConfig(String storeUrl, Optional<String> storeUser, Optional<String> storePassword,
    int auditCheckpointInterval, String principal, ApprovalTimes approvalTimes) {
  public static final String FILE = "custos.conf";

  /** Every key the file may contain, with its default (null: computed or absent). */
  static final List<String> KEYS = List.of("store.url", "store.user", "store.password", "audit.checkpoint-interval", "principal",
      "approval.expiry", "approval.cooldown", "approval.spend-delay");

  @Override
  public String toString() {
    return "NodeConfig[storeUrl=" + redactUrl(storeUrl) + ", storeUser=" + storeUser.orElse("-")
        + ", storePassword=" + (storePassword.isPresent() ? "<secret>" : "-") + ", auditCheckpointInterval="
        + auditCheckpointInterval + ", principal=" + principal + ", approvalTimes=" + approvalTimes + "]";
  }

  /** The store URL without any password parameter, for messages. */
  public static String redactUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1<secret>");
  }

  /**
   * Loads {@code dataDir/custos.conf} (if present) and applies environment overrides.
   *
   * @throws ConfigException naming the file, line and key
   */
  public static NodeConfig load(Path dataDir, Map<String, String> env, String osUser) throws ConfigException {
    Map<String, String> values = new LinkedHashMap<>();
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(file + ": cannot read: " + e.getClass().getSimpleName());
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        String where = FILE + ":" + (i + 1);
        if (eq <= 0) {
          throw new ConfigException(where + ": expected 'key = value'");
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (!KEYS.contains(key)) {
          throw new ConfigException(where + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
        }
        if (values.put(key, value) != null) {
          throw new ConfigException(where + ": duplicate key '" + key + "'");
        }
      }
    }
    for (String key : KEYS) {
      String var = envName(key);
      if (env.containsKey(var)) {
        values.put(key, env.get(var));
      }
    }
    String url = values.getOrDefault("store.url", "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("custos.db"));
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException("store.url must be a jdbc:sqlite: or jdbc:postgresql: URL, got " + redactUrl(url));
    }
    int interval;
    String raw = values.getOrDefault("audit.checkpoint-interval", "100");
    try {
      interval = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException("audit.checkpoint-interval must be a whole number, got '" + raw + "'");
    }
    if (interval < 1 || interval > 1_000_000) {
      throw new ConfigException("audit.checkpoint-interval must be between 1 and 1000000, got " + interval);
    }
    String principal = values.getOrDefault("principal", "local:" + osUser);
    if (principal.isBlank() || principal.length() > 200) {
      throw new ConfigException("principal must be 1 to 200 characters");
    }
    ApprovalTimes times;
    try {
      times = new ApprovalTimes(
          ConfigDuration.parse("approval.expiry", values.getOrDefault("approval.expiry", "72h")),
          ConfigDuration.parse("approval.cooldown", values.getOrDefault("approval.cooldown", "0")),
          ConfigDuration.parse("approval.spend-delay", values.getOrDefault("approval.spend-delay", "0")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return new NodeConfig(url, Optional.ofNullable(values.get("store.user")), Optional.ofNullable(values.get("store.password")),
        interval, principal, times);
  }

  /** {@code store.url} → {@code CUSTOS_STORE_URL}. */
  public static String envName(String key) {
    return "CUSTOS_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
