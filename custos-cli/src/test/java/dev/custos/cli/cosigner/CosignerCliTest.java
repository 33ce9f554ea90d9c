package dev.custos.cli.cosigner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cli.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cosigner commands end to end, in process on loopback ports: init, plan, a 2-of-3 DKG
 * (three {@code cosigner dkg} runs and one {@code threshold dkg}), policy, two served cosigners
 * and {@code threshold sign} (the signature judged by bitcoin-kmp's script interpreter); then the
 * bad inputs: a second init, a wrong passphrase, no share yet, a missing, tampered or re-pinned
 * group file (a swapped pin does not verify), a cosigner refusing by its policy.
 */
class CosignerCliTest {
  private static final String OPEN = "version: 1\nlimits:\n  max-per-transaction: 0.01 BTC\n  velocity:\n"
      + "    - {window: 24h, per: wallet, max-amount: 0.1 BTC}\n";
  private static final String STRICT = OPEN.replace("0.01 BTC", "10000 sat");

  @TempDir
  Path tmp;

  private final CliRunner cli = new CliRunner();

  @Test
  void dkgSignAndEveryBadInput() throws Exception {
    cli.env.put("PW1", "pass one");
    cli.env.put("PW2", "pass two");
    cli.env.put("PW3", "pass three");
    cli.env.put("WRONG", "not the passphrase");
    for (int i = 1; i <= 3; i++) {
      assertThat(cli.run("cosigner", "init", "--data-dir", dir(i).toString(), "--network", "regtest", "--passphrase-env", "PW" + i,
          "--kdf-profile", "test").exitCode()).isZero();
      assertThat(Files.getPosixFilePermissions(dir(i))).hasSize(3);
    }
    CliRunner.Result again = cli.run("cosigner", "init", "--data-dir", dir(1).toString(), "--network", "regtest",
        "--passphrase-env", "PW1", "--kdf-profile", "test");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderr()).contains("already holds a cosigner identity");

    int[] ports = {LoopbackCosigners.freePort(), LoopbackCosigners.freePort(), LoopbackCosigners.freePort()};
    Path plan = tmp.resolve("plan.json");
    assertThat(cli.run("cosigner", "plan", "--threshold", "2", "--out", plan.toString(),
        "--member", "127.0.0.1:" + ports[0] + "=" + dir(1).resolve("cosigner.card"),
        "--member", "127.0.0.1:" + ports[1] + "=" + dir(2).resolve("cosigner.card"),
        "--member", "127.0.0.1:" + ports[2] + "=" + dir(3).resolve("cosigner.card")).exitCode()).isZero();

    CliRunner.Result wrong = cli.run("cosigner", "dkg", "--data-dir", dir(1).toString(), "--plan", plan.toString(),
        "--passphrase-env", "WRONG", "--kdf-profile", "test");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.stderr()).contains("wrong passphrase");
    CliRunner.Result noShare = cli.run("cosigner", "serve", "--data-dir", dir(1).toString(), "--passphrase-env", "PW1");
    assertThat(noShare.exitCode()).isEqualTo(2);
    assertThat(noShare.stderr()).contains("holds no FROST share yet");

    List<CompletableFuture<CliRunner.Result>> participants = List.of(1, 2, 3).stream().map(i -> CompletableFuture.supplyAsync(() ->
        cli.run("cosigner", "dkg", "--data-dir", dir(i).toString(), "--plan", plan.toString(), "--passphrase-env", "PW" + i,
            "--kdf-profile", "test", "--timeout", "60"))).toList();
    Path group = tmp.resolve("group.json");
    CliRunner.Result relay = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      relay = cli.run("threshold", "dkg", "--plan", plan.toString(), "--tls-dir", dir(1).toString(), "--out", group.toString());
      if (relay.exitCode() == 0 || !relay.stderr().contains("UNAVAILABLE")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(relay.exitCode()).as(relay.stderr()).isZero();
    for (var p : participants) {
      assertThat(p.get().exitCode()).as(p.get().stderr()).isZero();
    }
    assertThat(Files.readAllBytes(dir(3).resolve("group.json"))).isEqualTo(Files.readAllBytes(group));
    CliRunner.Result descriptor = cli.run("cosigner", "descriptor", "--group", group.toString());
    assertThat(descriptor.stdout()).containsPattern("tr\\([0-9a-f]{64}\\)#[a-z0-9]{8}").contains("bcrt1p");

    Path open = Files.writeString(tmp.resolve("open.yaml"), OPEN);
    for (int i = 1; i <= 2; i++) {
      assertThat(cli.run("cosigner", "policy", "--data-dir", dir(i).toString(), "--file", open.toString()).exitCode()).isZero();
      int at = i;
      Thread serve = new Thread(() -> cli.run("cosigner", "serve", "--data-dir", dir(at).toString(), "--passphrase-env", "PW" + at));
      serve.setDaemon(true);
      serve.start();
      LoopbackCosigners.awaitPort(ports[i - 1]);
    }
    String json = Files.readString(group);
    byte[] outputKey = hex(field(json, "outputKey"));
    Path psbt = KeyPathSpend.write(tmp, outputKey, hex(field(json, "internalKey")), 90_000);
    Path signed = tmp.resolve("signed.psbt");
    CliRunner.Result sign = cli.run("threshold", "sign", "--in", psbt.toString(), "--out", signed.toString(), "--group", group.toString(),
        "--tls-dir", dir(1).toString());
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    KeyPathSpend.assertSpends(signed);

    Path missing = tmp.resolve("nope.json");
    CliRunner.Result noGroup = cli.run("threshold", "sign", "--in", psbt.toString(), "--out", tmp.resolve("x").toString(),
        "--group", missing.toString(), "--tls-dir", dir(1).toString());
    assertThat(noGroup.exitCode()).isEqualTo(2);
    assertThat(noGroup.stderr()).contains("no such group file");

    Path tampered = Files.writeString(tmp.resolve("tampered.json"), json.replace(field(json, "outputKey"), "00".repeat(32)));
    CliRunner.Result bad = cli.run("cosigner", "descriptor", "--group", tampered.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("outputKey is not the BIP86 tweak");
    String firstCommitment = field(json, "commitment");
    Path forged = Files.writeString(tmp.resolve("forged.json"), json.replace(firstCommitment, field(json.substring(json.indexOf(firstCommitment) + 10), "commitment")));
    CliRunner.Result badSign = cli.run("threshold", "sign", "--in", psbt.toString(), "--out", tmp.resolve("y").toString(),
        "--group", forged.toString(), "--tls-dir", dir(1).toString());
    assertThat(badSign.exitCode()).isEqualTo(2);
    assertThat(badSign.stderr()).contains("does not verify");

    String pin2 = Files.readString(dir(2).resolve("cosigner.card")).replaceAll("(?s).*\"tlsSha256\" : \"([0-9a-f]{64})\".*", "$1").trim();
    String pin3 = Files.readString(dir(3).resolve("cosigner.card")).replaceAll("(?s).*\"tlsSha256\" : \"([0-9a-f]{64})\".*", "$1").trim();
    Path repinned = Files.writeString(tmp.resolve("repinned.json"), json.replace(pin2, "11".repeat(32)));
    CliRunner.Result unpinned = cli.run("threshold", "sign", "--in", psbt.toString(), "--out", tmp.resolve("z").toString(),
        "--group", repinned.toString(), "--tls-dir", dir(1).toString());
    // The pins are in the certified transcript: the swapped one fails verification, before any connection.
    assertThat(unpinned.exitCode()).isEqualTo(2);
    assertThat(unpinned.stderr()).contains("group file does not verify").contains("Identifier[1]");
    assertThat(tmp.resolve("z")).doesNotExist();
    assertThat(pin3).hasSize(64);

    Path ownGroup = dir(3).resolve("group.json");
    String own = Files.readString(ownGroup);
    Files.writeString(ownGroup, own.replace("\"port\" : " + ports[2], "\"port\" : " + LoopbackCosigners.freePort()));
    CliRunner.Result edited = cli.run("cosigner", "serve", "--data-dir", dir(3).toString(), "--passphrase-env", "PW3");
    assertThat(edited.exitCode()).isEqualTo(2);
    assertThat(edited.stderr()).contains("group file does not verify");
    // The same group in other bytes verifies, but the share is bound to the exact file.
    Files.writeString(ownGroup, own + "\n");
    CliRunner.Result reformatted = cli.run("cosigner", "serve", "--data-dir", dir(3).toString(), "--passphrase-env", "PW3");
    assertThat(reformatted.exitCode()).isEqualTo(2);
    assertThat(reformatted.stderr()).contains("not the one this share was sealed with");

    Path strict = Files.writeString(tmp.resolve("strict.yaml"), STRICT);
    assertThat(cli.run("cosigner", "policy", "--data-dir", dir(2).toString(), "--file", strict.toString()).exitCode()).isZero();
    Path refusedOut = tmp.resolve("refused.psbt");
    CliRunner.Result refused = cli.run("threshold", "sign", "--in", KeyPathSpend.write(tmp, outputKey, hex(field(json, "internalKey")), 80_000).toString(),
        "--out", refusedOut.toString(), "--group", group.toString(), "--tls-dir", dir(1).toString());
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.stderr()).contains("cosigner-policy-denied").contains("policy-amount-max-per-tx");
    assertThat(refusedOut).doesNotExist();
  }

  private Path dir(int i) {
    return tmp.resolve("c" + i);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\" : \"([0-9a-f]+)\"").matcher(json);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
