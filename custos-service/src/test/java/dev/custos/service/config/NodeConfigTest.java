package dev.custos.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** custos.conf: defaults, file values, environment overrides, and errors that name the line. */
class NodeConfigTest {
  @TempDir
  Path dir;

  @Test
  void defaultsWithoutAFile() throws Exception {
    NodeConfig c = NodeConfig.load(dir, Map.of(), "alice");
    assertThat(c.storeUrl()).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve("custos.db"));
    assertThat(c.auditCheckpointInterval()).isEqualTo(100);
    assertThat(c.principal()).isEqualTo("local:alice");
    assertThat(c.storePassword()).isEmpty();
  }

  @Test
  void fileValuesAndEnvironmentOverrides() throws Exception {
    Files.writeString(dir.resolve(NodeConfig.FILE), """
        # production store
        store.url = jdbc:postgresql://db.internal:5432/custos
        store.user = custos
        audit.checkpoint-interval = 50
        """);
    NodeConfig c = NodeConfig.load(dir, Map.of("CUSTOS_STORE_PASSWORD", "s3cret", "CUSTOS_PRINCIPAL", "ops:bob"), "alice");
    assertThat(c.storeUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/custos");
    assertThat(c.storeUser()).contains("custos");
    assertThat(c.storePassword()).contains("s3cret");
    assertThat(c.auditCheckpointInterval()).isEqualTo(50);
    assertThat(c.principal()).isEqualTo("ops:bob");
    assertThat(c.toString()).doesNotContain("s3cret");
  }

  @Test
  void errorsNameTheLineAndNeverTheSecret() throws Exception {
    Files.writeString(dir.resolve(NodeConfig.FILE), "store.url = jdbc:sqlite:/tmp/x.db\nstore.pasword = hunter2\n");
    assertThatThrownBy(() -> NodeConfig.load(dir, Map.of(), "a")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("custos.conf:2").hasMessageContaining("unknown key 'store.pasword'").hasMessageNotContaining("hunter2");
    Files.writeString(dir.resolve(NodeConfig.FILE), "audit.checkpoint-interval = 1\naudit.checkpoint-interval = 2\n");
    assertThatThrownBy(() -> NodeConfig.load(dir, Map.of(), "a")).hasMessageContaining("custos.conf:2: duplicate key");
    Files.writeString(dir.resolve(NodeConfig.FILE), "just words\n");
    assertThatThrownBy(() -> NodeConfig.load(dir, Map.of(), "a")).hasMessageContaining("custos.conf:1: expected 'key = value'");
    Files.writeString(dir.resolve(NodeConfig.FILE), "store.url = jdbc:mysql://x?password=hunter2\n");
    assertThatThrownBy(() -> NodeConfig.load(dir, Map.of(), "a")).hasMessageContaining("jdbc:sqlite:")
        .hasMessageNotContaining("hunter2");
    Files.delete(dir.resolve(NodeConfig.FILE));
    assertThatThrownBy(() -> NodeConfig.load(dir, Map.of("CUSTOS_AUDIT_CHECKPOINT_INTERVAL", "0"), "a"))
        .hasMessageContaining("between 1 and 1000000");
  }
}
