package dev.custos.cli.cosigner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cli.CliRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Three cosigners run in process by the CLI on loopback ports, for the cosigner end-to-end tests:
 * their data directories ({@code tmp/c1..c3}, passphrases in {@code PW1..PW3}), the ports their
 * plan names, and the steps that talk to them (a relayed ceremony, {@code cosigner serve}, a
 * threshold signature judged by bitcoin-kmp).
 */
final class LoopbackCosigners {
  private final CliRunner cli;
  private final Path tmp;
  private final int[] ports;

  LoopbackCosigners(CliRunner cli, Path tmp) throws IOException {
    this.cli = cli;
    this.tmp = tmp;
    this.ports = new int[] {freePort(), freePort(), freePort()};
  }

  Path dir(int member) {
    return tmp.resolve("c" + member);
  }

  int port(int member) {
    return ports[member - 1];
  }

  /** Initializes the three cosigners (test KDF) and writes {@code tmp/plan.json}, a 2-of-3 plan naming them; returns it. */
  Path initAndPlan() {
    for (int i = 1; i <= 3; i++) {
      cli.env.put("PW" + i, "pass " + i);
      assertThat(cli.run("cosigner", "init", "--data-dir", dir(i).toString(), "--network", "regtest", "--passphrase-env", "PW" + i,
          "--kdf-profile", "test").exitCode()).isZero();
    }
    Path plan = tmp.resolve("plan.json");
    assertThat(cli.run("cosigner", "plan", "--threshold", "2", "--out", plan.toString(),
        "--member", "127.0.0.1:" + ports[0] + "=" + dir(1).resolve("cosigner.card"),
        "--member", "127.0.0.1:" + ports[1] + "=" + dir(2).resolve("cosigner.card"),
        "--member", "127.0.0.1:" + ports[2] + "=" + dir(3).resolve("cosigner.card")).exitCode()).isZero();
    return plan;
  }

  /** Runs three participants and a relay (retried until the participants listen); all must succeed. */
  CliRunner.Result[] ceremony(IntFunction<List<String>> participant, List<String> relayArgs) throws Exception {
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

  /** Runs a relay command again while a participant does not listen yet ({@code UNAVAILABLE}), at most 100 times. */
  CliRunner.Result retryWhileUnavailable(List<String> args) throws InterruptedException {
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

  /** Starts {@code cosigner serve} for {@code member} from {@code dataDir} and waits until it listens. */
  Thread serve(Path dataDir, int member) throws Exception {
    Thread serve = new Thread(() -> cli.run("cosigner", "serve", "--data-dir", dataDir.toString(), "--passphrase-env", "PW" + member));
    serve.setDaemon(true);
    serve.start();
    awaitPort(port(member));
    return serve;
  }

  /** Interrupts an in-process {@code serve} (it shuts its server down) and waits for its port to be free. */
  void stop(Thread serve, int member) throws Exception {
    serve.interrupt();
    serve.join(10_000);
    assertThat(serve.isAlive()).isFalse();
    for (int i = 0; i < 100; i++) {
      try (ServerSocket s = new ServerSocket(port(member), 50, InetAddress.getLoopbackAddress())) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("port " + port(member) + " stays taken");
  }

  /** {@code threshold sign} of {@code psbt} with {@code group}, relayed from cosigner 1's TLS pair; bitcoin-kmp judges the result. */
  void assertSigns(Path group, Path psbt, String name) throws Exception {
    Path signed = tmp.resolve("signed-" + name + ".psbt");
    CliRunner.Result sign = cli.run("threshold", "sign", "--in", psbt.toString(), "--out", signed.toString(), "--group", group.toString(),
        "--tls-dir", dir(1).toString());
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    KeyPathSpend.assertSpends(signed);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Waits (at most 30 s) until something listens on {@code port}. */
  static void awaitPort(int port) throws Exception {
    for (int i = 0; i < 300; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("nothing listens on " + port);
  }
}
