package dev.custos.cli.cosigner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cosigner refresh} and {@code threshold refresh} end to end, in process on loopback ports:
 * a 2-of-3 DKG, a signature, a refresh of all three shares (same keys, a new group file recording
 * the refresh), a signature with the refreshed shares (both judged by bitcoin-kmp's script
 * interpreter), the superseded group file refusing the refreshed shares, a copy of a cosigner kept
 * from before the refresh whose old share, next to a refreshed one, is refused, and a refresh
 * relayed from the superseded group file that fails and changes nothing.
 */
class CosignerRefreshCliTest {
  private static final String OPEN = "version: 1\nlimits:\n  max-per-transaction: 0.01 BTC\n  velocity:\n"
      + "    - {window: 24h, per: wallet, max-amount: 0.1 BTC}\n";

  @TempDir
  Path tmp;

  private final CliRunner cli = new CliRunner();
  private LoopbackCosigners cosigners;

  @Test
  void refreshKeepsTheKeyAndRetiresTheOldShares() throws Exception {
    cosigners = new LoopbackCosigners(cli, tmp);
    Path plan = cosigners.initAndPlan();
    Path group = tmp.resolve("group.json");
    cosigners.ceremony(i -> List.of("cosigner", "dkg", "--data-dir", cosigners.dir(i).toString(), "--plan", plan.toString(), "--passphrase-env", "PW" + i,
        "--kdf-profile", "test", "--timeout", "60"), List.of("threshold", "dkg", "--plan", plan.toString(), "--tls-dir", cosigners.dir(1).toString(),
        "--out", group.toString()));
    Path open = Files.writeString(tmp.resolve("open.yaml"), OPEN);
    for (int i = 1; i <= 3; i++) {
      assertThat(cli.run("cosigner", "policy", "--data-dir", cosigners.dir(i).toString(), "--file", open.toString()).exitCode()).isZero();
    }
    String before = Files.readString(group);
    byte[] outputKey = hex(field(before, "outputKey"));
    byte[] internalKey = hex(field(before, "internalKey"));

    Thread serve1 = cosigners.serve(cosigners.dir(1), 1);
    Thread serve2 = cosigners.serve(cosigners.dir(2), 2);
    cosigners.assertSigns(group, KeyPathSpend.write(tmp, outputKey, internalKey, 90_000), "before");
    cosigners.stop(serve1, 1);
    cosigners.stop(serve2, 2);

    Path kept = tmp.resolve("kept2");
    copyTree(cosigners.dir(2), kept);
    byte[][] oldShares = new byte[3][];
    for (int i = 1; i <= 3; i++) {
      oldShares[i - 1] = Files.readAllBytes(cosigners.dir(i).resolve("frost-share.sealed"));
    }

    Path refreshed = tmp.resolve("group-2.json");
    CliRunner.Result[] participants = cosigners.ceremony(i -> List.of("cosigner", "refresh", "--data-dir", cosigners.dir(i).toString(), "--group",
        cosigners.dir(i).resolve("group.json").toString(), "--passphrase-env", "PW" + i, "--kdf-profile", "test", "--timeout", "60"),
        List.of("threshold", "refresh", "--group", group.toString(), "--tls-dir", cosigners.dir(1).toString(), "--out", refreshed.toString()));
    assertThat(participants[0].stdout()).contains("refresh complete: member 1, refresh 1 of the group");
    String after = Files.readString(refreshed);
    assertThat(field(after, "outputKey")).isEqualTo(field(before, "outputKey"));
    assertThat(field(after, "internalKey")).isEqualTo(field(before, "internalKey"));
    assertThat(after).contains("\"refreshes\"");
    for (int i = 1; i <= 3; i++) {
      assertThat(Files.readString(cosigners.dir(i).resolve("group.json"))).isEqualTo(after);
      assertThat(Files.readAllBytes(cosigners.dir(i).resolve("frost-share.sealed"))).isNotEqualTo(oldShares[i - 1]);
      assertThat(Files.getPosixFilePermissions(cosigners.dir(i).resolve("frost-share.sealed"))).hasSize(2);
      try (Stream<Path> files = Files.list(cosigners.dir(i))) {
        assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.contains("tmp") && !n.endsWith(".new"));
      }
    }
    assertThat(cli.run("cosigner", "descriptor", "--group", refreshed.toString()).stdout()).contains(field(before, "internalKey"));

    serve1 = cosigners.serve(cosigners.dir(1), 1);
    serve2 = cosigners.serve(cosigners.dir(2), 2);
    cosigners.assertSigns(refreshed, KeyPathSpend.write(tmp, outputKey, internalKey, 91_000), "after");
    // The old group file no longer matches the refreshed shares: the coordinator refuses them.
    Path staleOut = tmp.resolve("stale.psbt");
    CliRunner.Result stale = cli.run("threshold", "sign", "--in", KeyPathSpend.write(tmp, outputKey, internalKey, 92_000).toString(), "--out",
        staleOut.toString(), "--group", group.toString(), "--tls-dir", cosigners.dir(1).toString());
    assertThat(stale.exitCode()).as(stale.stderr()).isEqualTo(3);
    assertThat(staleOut).doesNotExist();
    cosigners.stop(serve2, 2);

    // Member 2 from a copy kept from before the refresh: its old share next to member 1's new one.
    Thread old2 = cosigners.serve(kept, 2);
    Path mixedOut = tmp.resolve("mixed.psbt");
    CliRunner.Result mixed = cli.run("threshold", "sign", "--in", KeyPathSpend.write(tmp, outputKey, internalKey, 93_000).toString(), "--out",
        mixedOut.toString(), "--group", refreshed.toString(), "--tls-dir", cosigners.dir(1).toString());
    assertThat(mixed.exitCode()).as(mixed.stderr()).isEqualTo(3);
    assertThat(mixed.stderr()).contains("Identifier[2]").doesNotContain("Identifier[1]:");
    assertThat(mixedOut).doesNotExist();
    cosigners.stop(old2, 2);
    cosigners.stop(serve1, 1);

    // A relay working from the superseded group file: the members certify a refresh chained to their
    // own (newer) group file, which the relay cannot verify; nobody confirms, nothing changes.
    Path again = tmp.resolve("group-stale-refresh.json");
    List<CompletableFuture<CliRunner.Result>> running = List.of(1, 2, 3).stream().map(i -> CompletableFuture.supplyAsync(() ->
        cli.run("cosigner", "refresh", "--data-dir", cosigners.dir(i).toString(), "--passphrase-env", "PW" + i, "--kdf-profile", "test",
            "--timeout", "8"))).toList();
    CliRunner.Result staleRelay = cosigners.retryWhileUnavailable(List.of("threshold", "refresh", "--group", group.toString(), "--tls-dir",
        cosigners.dir(1).toString(), "--out", again.toString(), "--timeout", "5"));
    assertThat(staleRelay.exitCode()).as(staleRelay.stderr()).isEqualTo(3);
    assertThat(staleRelay.stderr()).contains("the refresh's record does not verify");
    assertThat(again).doesNotExist();
    for (var r : running) {
      assertThat(r.get().exitCode()).isEqualTo(3);
    }
    for (int i = 1; i <= 3; i++) {
      assertThat(Files.readString(cosigners.dir(i).resolve("group.json"))).isEqualTo(after);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\" : \"([0-9a-f]+)\"").matcher(json);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
