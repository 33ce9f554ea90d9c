package dev.custos.ldk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditRecord;
import dev.custos.ldk.harness.ChannelScenario;
import dev.custos.ldk.harness.CountingSignerPort;
import dev.custos.ldk.harness.CustosNodes;
import dev.custos.ldk.harness.FakeChain;
import dev.custos.ldk.harness.LdkNative;
import dev.custos.ldk.harness.LdkNode;
import dev.custos.ldk.harness.StoredChannels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ldk.structs.ChannelConfig;
import org.ldk.structs.KeysManager;
import org.ldk.structs.UserConfig;

/**
 * An announced channel between node A on the stateful {@code PolicyChannelSigner} and node B on
 * LDK's own {@code KeysManager}: A's {@code announcement_signatures} come from Custos's
 * {@code SignChannelAnnouncement}. LDK judges them, not our code: B verifies A's node and bitcoin
 * signatures when it receives {@code announcement_signatures} (a bad one closes the channel), and
 * both nodes' gossip handlers add the channel to their network graph only after checking all four
 * signatures of the assembled {@code channel_announcement}.
 */
class LdkChannelAnnouncementTest {
  @BeforeAll
  static void nativeLibrary() {
    LdkNative.assumeLoaded();
  }

  @Test
  void ldkAcceptsTheAnnouncementSignaturesCustosGives(@TempDir Path dir) throws Exception {
    Map<String, AtomicInteger> counts = CountingSignerPort.newCounts();
    List<String> refusals = CustosNodes.newRefusals();
    FakeChain chain = new FakeChain();
    CustosNodes.StatefulNode a = CustosNodes.stateful("A", 51, chain, counts, refusals, dir, port -> port);
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 52);
    KeysManager keysManager = KeysManager.of(seed, 1_700_000_000L, 52);
    LdkNode b = new LdkNode("B", chain, keysManager.as_KeysInterface(), keysManager, announced());
    ChannelScenario s = new ChannelScenario(chain, a.node(), b);
    s.connect();
    assertThat(contains(a.node().graph.write(), a.node().nodeId())).isFalse();

    s.openChannel(a.node(), b, 1_000_000, 1, announced());
    for (int i = 0; i < 10 && !inGraph(b, a.node(), b); i++) {
      s.mine(1);
    }

    assertThat(refusals).isEmpty();
    assertThat(counts.get("signChannelAnnouncement")).as("A's announcement signed by Custos").isNotNull();
    assertThat(counts.get("signChannelAnnouncement").get()).isGreaterThanOrEqualTo(1);
    assertThat(inGraph(b, a.node(), b)).as("B's graph holds the channel").isTrue();
    assertThat(inGraph(a.node(), a.node(), b)).as("A's graph holds the channel").isTrue();
    assertThat(b.channelManager.list_usable_channels()).hasSize(1);
    assertThat(a.node().channelManager.list_usable_channels()).hasSize(1);
    assertThat(b.problems()).noneMatch(p -> p.contains("announcement"));
    List<AuditRecord> audit = StoredChannels.audit(a.store());
    assertThat(audit).anySatisfy(r -> assertThat(r.fields()).containsEntry("operation", "SignChannelAnnouncement"));
    assertThat(audit).noneMatch(r -> r.type().equals("channel.refusal"));
  }

  /** A config that announces channels (and so accepts a peer's announced channel). */
  private static UserConfig announced() {
    UserConfig config = UserConfig.with_default();
    ChannelConfig options = config.get_channel_options();
    options.set_announced_channel(true);
    config.set_channel_options(options);
    return config;
  }

  /**
   * Whether {@code node}'s network graph names both nodes: LDK 0.0.106 adds nodes to its graph only
   * with a channel_announcement whose four signatures verify (its read-only graph has no channel
   * getter in the Java bindings, so the serialized graph is searched).
   */
  private static boolean inGraph(LdkNode node, LdkNode one, LdkNode two) {
    byte[] graph = node.graph.write();
    return contains(graph, one.nodeId()) && contains(graph, two.nodeId());
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}
