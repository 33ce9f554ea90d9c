package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.testkit.TestWallets;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import dev.custos.store.StoredChannel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custos channels list|show} over a store holding the core's golden channel state (Alice
 * after commitment 5 of an anchors channel with three HTLCs, one of them trimmed): what is printed,
 * the JSON, and the one-line errors.
 */
class ChannelsCliTest {
  private static final String ID = "c4".repeat(32);

  @TempDir
  Path tmp;

  private final CliRunner cli = new CliRunner();
  private Path dataDir;
  private byte[] golden;

  @BeforeEach
  void initWithOneChannel() throws Exception {
    cli.env.put("CUSTOS_PW", "correct horse battery staple");
    Path mnemonic = tmp.resolve("mnemonic.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON + "\n");
    dataDir = tmp.resolve("custos");
    CliRunner.Result r = cli.run("init", "--data-dir", dataDir.toString(), "--network", "regtest",
        "--passphrase-env", "CUSTOS_PW", "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    try (InputStream in = getClass().getResourceAsStream("/golden/ln/channel-state-v1.bin")) {
      golden = in.readAllBytes();
    }
    put(HexFormat.of().parseHex(ID), golden);
  }

  private void put(byte[] id, byte[] state) throws Exception {
    try (Store store = StoreFactory.open("jdbc:sqlite:" + dataDir.resolve("custos.db"))) {
      store.write(tx -> {
        tx.putChannel(new StoredChannel(id, 1, state, Instant.parse("2026-03-01T12:00:00Z")));
        return null;
      });
    }
  }

  @Test
  void listPrintsOneLinePerChannel() {
    CliRunner.Result r = cli.run("channels", "list", "--data-dir", dataDir.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).hasLineCount(1).startsWith(ID + "  open  anchors_zero_fee_htlc_tx  capacity=10000000sat")
        .contains("ours=7914900000msat", "holder=5", "counterparty=5", "htlcs=3");
  }

  @Test
  void showPrintsTheCommitmentsAndNoSecret() throws Exception {
    CliRunner.Result r = cli.run("channels", "show", "--data-dir", dataDir.toString(), ID);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("holder commitment 5 validated, 5 revoked", "peer commitment   5 signed, 5 revoked",
        "to_self_delay=144", "stored version    1");
    byte[] aSecret = java.util.Arrays.copyOfRange(golden, golden.length - 33, golden.length - 1);
    assertThat(r.stdout()).doesNotContain((CharSequence) HexFormat.of().formatHex(aSecret));

    JsonNode json = new ObjectMapper().readTree(cli.run("channels", "show", "--data-dir", dataDir.toString(), ID, "--json").stdout());
    assertThat(json.get("holderCommitment").asLong()).isEqualTo(5);
    assertThat(json.get("htlcs")).hasSize(3);
    assertThat(json.get("holderBalanceMsat").asLong()).isEqualTo(7_914_900_000L);
    JsonNode list = new ObjectMapper().readTree(cli.run("channels", "list", "--data-dir", dataDir.toString(), "--json").stdout());
    assertThat(list.get("channels")).hasSize(1);
    assertThat(list.get("channels").get(0).get("channelId").asText()).isEqualTo(ID);
  }

  @Test
  void unknownOrMalformedIdsAreOneLineBadInput() {
    CliRunner.Result unknown = cli.run("channels", "show", "--data-dir", dataDir.toString(), "ab".repeat(32));
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.stderr()).hasLineCount(1).contains("no channel " + "ab".repeat(32));
    CliRunner.Result bad = cli.run("channels", "show", "--data-dir", dataDir.toString(), "xyz");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(bad.stderr()).hasLineCount(1).contains("64 hex characters");
  }

  @Test
  void aCorruptStoredStateIsAnInternalErrorNamingTheChannel() throws Exception {
    put(HexFormat.of().parseHex("dd".repeat(32)), new byte[] {1, 2, 3});
    CliRunner.Result r = cli.run("channels", "list", "--data-dir", dataDir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.INTERNAL);
    assertThat(r.stderr()).hasLineCount(1).contains("channel " + "dd".repeat(32) + " has a corrupt stored state");
  }
}
