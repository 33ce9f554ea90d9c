package dev.custos.cli.cosigner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cli.CliRunner;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtGlobal;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.PsbtOutput;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
  private int[] ports;

  @Test
  void refreshKeepsTheKeyAndRetiresTheOldShares() throws Exception {
    for (int i = 1; i <= 3; i++) {
      cli.env.put("PW" + i, "pass " + i);
      assertThat(cli.run("cosigner", "init", "--data-dir", dir(i).toString(), "--network", "regtest", "--passphrase-env", "PW" + i,
          "--kdf-profile", "test").exitCode()).isZero();
    }
    ports = new int[] {freePort(), freePort(), freePort()};
    Path plan = tmp.resolve("plan.json");
    assertThat(cli.run("cosigner", "plan", "--threshold", "2", "--out", plan.toString(),
        "--member", "127.0.0.1:" + ports[0] + "=" + dir(1).resolve("cosigner.card"),
        "--member", "127.0.0.1:" + ports[1] + "=" + dir(2).resolve("cosigner.card"),
        "--member", "127.0.0.1:" + ports[2] + "=" + dir(3).resolve("cosigner.card")).exitCode()).isZero();
    Path group = tmp.resolve("group.json");
    ceremony(i -> List.of("cosigner", "dkg", "--data-dir", dir(i).toString(), "--plan", plan.toString(), "--passphrase-env", "PW" + i,
        "--kdf-profile", "test", "--timeout", "60"), List.of("threshold", "dkg", "--plan", plan.toString(), "--tls-dir", dir(1).toString(),
        "--out", group.toString()));
    Path open = Files.writeString(tmp.resolve("open.yaml"), OPEN);
    for (int i = 1; i <= 3; i++) {
      assertThat(cli.run("cosigner", "policy", "--data-dir", dir(i).toString(), "--file", open.toString()).exitCode()).isZero();
    }
    String before = Files.readString(group);
    byte[] outputKey = hex(field(before, "outputKey"));
    byte[] internalKey = hex(field(before, "internalKey"));

    Thread serve1 = serve(dir(1), 1);
    Thread serve2 = serve(dir(2), 2);
    assertSigns(group, spend(outputKey, internalKey, 90_000), "before");
    stop(serve1, 1);
    stop(serve2, 2);

    Path kept = tmp.resolve("kept2");
    copyTree(dir(2), kept);
    byte[][] oldShares = new byte[3][];
    for (int i = 1; i <= 3; i++) {
      oldShares[i - 1] = Files.readAllBytes(dir(i).resolve("frost-share.sealed"));
    }

    Path refreshed = tmp.resolve("group-2.json");
    CliRunner.Result[] participants = ceremony(i -> List.of("cosigner", "refresh", "--data-dir", dir(i).toString(), "--group",
        dir(i).resolve("group.json").toString(), "--passphrase-env", "PW" + i, "--kdf-profile", "test", "--timeout", "60"),
        List.of("threshold", "refresh", "--group", group.toString(), "--tls-dir", dir(1).toString(), "--out", refreshed.toString()));
    assertThat(participants[0].stdout()).contains("refresh complete: member 1, refresh 1 of the group");
    String after = Files.readString(refreshed);
    assertThat(field(after, "outputKey")).isEqualTo(field(before, "outputKey"));
    assertThat(field(after, "internalKey")).isEqualTo(field(before, "internalKey"));
    assertThat(after).contains("\"refreshes\"");
    for (int i = 1; i <= 3; i++) {
      assertThat(Files.readString(dir(i).resolve("group.json"))).isEqualTo(after);
      assertThat(Files.readAllBytes(dir(i).resolve("frost-share.sealed"))).isNotEqualTo(oldShares[i - 1]);
      assertThat(Files.getPosixFilePermissions(dir(i).resolve("frost-share.sealed"))).hasSize(2);
      try (Stream<Path> files = Files.list(dir(i))) {
        assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> !n.contains("tmp") && !n.endsWith(".new"));
      }
    }
    assertThat(cli.run("cosigner", "descriptor", "--group", refreshed.toString()).stdout()).contains(field(before, "internalKey"));

    serve1 = serve(dir(1), 1);
    serve2 = serve(dir(2), 2);
    assertSigns(refreshed, spend(outputKey, internalKey, 91_000), "after");
    // The old group file no longer matches the refreshed shares: the coordinator refuses them.
    Path staleOut = tmp.resolve("stale.psbt");
    CliRunner.Result stale = cli.run("threshold", "sign", "--in", spend(outputKey, internalKey, 92_000).toString(), "--out",
        staleOut.toString(), "--group", group.toString(), "--tls-dir", dir(1).toString());
    assertThat(stale.exitCode()).as(stale.stderr()).isEqualTo(3);
    assertThat(staleOut).doesNotExist();
    stop(serve2, 2);

    // Member 2 from a copy kept from before the refresh: its old share next to member 1's new one.
    Thread old2 = serve(kept, 2);
    Path mixedOut = tmp.resolve("mixed.psbt");
    CliRunner.Result mixed = cli.run("threshold", "sign", "--in", spend(outputKey, internalKey, 93_000).toString(), "--out",
        mixedOut.toString(), "--group", refreshed.toString(), "--tls-dir", dir(1).toString());
    assertThat(mixed.exitCode()).as(mixed.stderr()).isEqualTo(3);
    assertThat(mixed.stderr()).contains("Identifier[2]").doesNotContain("Identifier[1]:");
    assertThat(mixedOut).doesNotExist();
    stop(old2, 2);
    stop(serve1, 1);

    // A relay working from the superseded group file: the members certify a refresh chained to their
    // own (newer) group file, which the relay cannot verify; nobody confirms, nothing changes.
    Path again = tmp.resolve("group-stale-refresh.json");
    List<CompletableFuture<CliRunner.Result>> running = List.of(1, 2, 3).stream().map(i -> CompletableFuture.supplyAsync(() ->
        cli.run("cosigner", "refresh", "--data-dir", dir(i).toString(), "--passphrase-env", "PW" + i, "--kdf-profile", "test",
            "--timeout", "8"))).toList();
    CliRunner.Result staleRelay = retryWhileUnavailable(List.of("threshold", "refresh", "--group", group.toString(), "--tls-dir",
        dir(1).toString(), "--out", again.toString(), "--timeout", "5"));
    assertThat(staleRelay.exitCode()).as(staleRelay.stderr()).isEqualTo(3);
    assertThat(staleRelay.stderr()).contains("the refresh's record does not verify");
    assertThat(again).doesNotExist();
    for (var r : running) {
      assertThat(r.get().exitCode()).isEqualTo(3);
    }
    for (int i = 1; i <= 3; i++) {
      assertThat(Files.readString(dir(i).resolve("group.json"))).isEqualTo(after);
    }
  }

  private Path dir(int i) {
    return tmp.resolve("c" + i);
  }

  /** Runs three participants and a relay (retried until the participants listen); all must succeed. */
  private CliRunner.Result[] ceremony(java.util.function.IntFunction<List<String>> participant, List<String> relayArgs) throws Exception {
    List<CompletableFuture<CliRunner.Result>> running = List.of(1, 2, 3).stream().map(i -> CompletableFuture.supplyAsync(() ->
        cli.run(participant.apply(i).toArray(String[]::new)))).toList();
    CliRunner.Result relay = retryWhileUnavailable(relayArgs);
    assertThat(relay.exitCode()).as(relay.stderr()).isZero();
    CliRunner.Result[] results = new CliRunner.Result[3];
    for (int i = 0; i < 3; i++) {
      results[i] = running.get(i).get();
      assertThat(results[i].exitCode()).as(results[i].stderr()).isZero();
    }
    return results;
  }

  private CliRunner.Result retryWhileUnavailable(List<String> args) throws InterruptedException {
    CliRunner.Result result = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      result = cli.run(args.toArray(String[]::new));
      if (result.exitCode() == 0 || !result.stderr().contains("UNAVAILABLE")) {
        return result;
      }
      Thread.sleep(100);
    }
    return result;
  }

  private Thread serve(Path dataDir, int member) throws Exception {
    Thread serve = new Thread(() -> cli.run("cosigner", "serve", "--data-dir", dataDir.toString(), "--passphrase-env", "PW" + member));
    serve.setDaemon(true);
    serve.start();
    awaitPort(ports[member - 1]);
    return serve;
  }

  /** Interrupts an in-process {@code serve} (it shuts its server down) and waits for its port to be free. */
  private void stop(Thread serve, int member) throws Exception {
    serve.interrupt();
    serve.join(10_000);
    assertThat(serve.isAlive()).isFalse();
    for (int i = 0; i < 100; i++) {
      try (ServerSocket s = new ServerSocket(ports[member - 1], 50, java.net.InetAddress.getLoopbackAddress())) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("port " + ports[member - 1] + " stays taken");
  }

  private void assertSigns(Path group, Path psbt, String name) throws Exception {
    Path signed = tmp.resolve("signed-" + name + ".psbt");
    CliRunner.Result sign = cli.run("threshold", "sign", "--in", psbt.toString(), "--out", signed.toString(), "--group", group.toString(),
        "--tls-dir", dir(1).toString());
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    Psbt result = PsbtCodec.parse(Base64.getDecoder().decode(Files.readString(signed).trim()));
    PsbtInput in = result.inputs().getFirst();
    assertThat(in.tapKeySig()).isPresent();
    Transaction tx = result.global().unsignedTx().orElseThrow().updateWitness(0, new ScriptWitness(List.of(in.tapKeySig().get())));
    Transaction.correctlySpends(tx, Map.of(tx.txIn.getFirst().outPoint, in.witnessUtxo().orElseThrow()),
        ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws Exception {
    for (int i = 0; i < 300; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("nothing listens on " + port);
  }

  /** A PSBT spending a made-up 100000-sat coin paid to the group's output key. */
  private Path spend(byte[] outputKey, byte[] internalKey, long amount) throws IOException {
    ByteVector spk = new ByteVector("5120" + HexFormat.of().formatHex(outputKey));
    TxIn fakeIn = new TxIn(new OutPoint(new TxId(new ByteVector32(Crypto.sha256(("fund " + amount).getBytes(StandardCharsets.US_ASCII)))), 0),
        ByteVector.empty, 0xffffffffL, new ScriptWitness());
    Transaction funding = new Transaction(2, List.of(fakeIn), List.of(new TxOut(new Satoshi(100_000), spk)), 0);
    ByteVector payee = new ByteVector(Script.write(Script.pay2wpkh(new PrivateKey(Crypto.sha256(new byte[] {1})).publicKey())));
    Transaction unsigned = new Transaction(2, List.of(new TxIn(new OutPoint(funding, 0), 0xfffffffdL)),
        List.of(new TxOut(new Satoshi(amount), payee)), 0);
    PsbtInput in = new PsbtInput(Optional.empty(), Optional.of(funding.txOut.get(0)), Map.of(), OptionalInt.empty(),
        Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        Optional.empty(), Map.of(), List.of(), Map.of(), Optional.of(new XonlyPublicKey(new ByteVector32(internalKey))), Optional.empty(),
        List.of());
    PsbtOutput out = new PsbtOutput(Optional.empty(), Optional.empty(), Map.of(), OptionalLong.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Map.of(), List.of());
    Psbt psbt = new Psbt(0, new PsbtGlobal(Optional.of(unsigned), Map.of(), 0, OptionalLong.empty(), OptionalInt.empty(), List.of()),
        List.of(in), List.of(out));
    Path file = tmp.resolve("spend-" + amount + ".psbt");
    Files.write(file, PsbtCodec.serialize(psbt));
    return file;
  }
}
