package dev.custos.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.custos.cli.CliRunner;
import dev.custos.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custos quickstart} as a user runs it: a child JVM on free ports, stopped with SIGTERM.
 * The first run creates the keystore (mnemonic shown, passphrase file 0600, data directory 0700)
 * and serves; the printed {@code getinfo} line, run as printed, reaches the server over TLS with
 * the printed macaroon and reports the fingerprint {@code init} printed. A second run reuses the
 * keystore (no mnemonic, same fingerprint). Ports in use are a one-line error.
 */
class QuickstartTest {
  private static final Pattern FINGERPRINT = Pattern.compile("Master fingerprint: ([0-9a-f]{8})");

  @TempDir
  Path tmp;

  @Test
  void firstRunCreatesTheKeystoreAndServesSecondRunReusesIt() throws Exception {
    Path dir = tmp.resolve("qs");
    CliRunner cli = new CliRunner();

    String fingerprint;
    try (Child first = Child.start(dir)) {
      List<String> block = first.awaitHints();
      String out = String.join("\n", first.lines);
      assertThat(out).contains("Write down these 24 words").contains("$ ./custos init").contains("$ ./custos policy apply");
      Matcher m = FINGERPRINT.matcher(out);
      assertThat(m.find()).as(out).isTrue();
      fingerprint = m.group(1);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("qs.passphrase")))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
      assertThat(block).anySatisfy(l -> assertThat(l).isEqualTo("  TLS certificate: " + dir.resolve("tls.cert")));
      assertThat(block).anySatisfy(l -> assertThat(l).isEqualTo("  admin macaroon:  " + dir.resolve("admin.macaroon")));

      CliRunner.Result info = cli.run(pastedArgs(block));
      assertThat(info.exitCode()).as(info.stderr()).isZero();
      assertThat(info.stdout()).contains("network: regtest").contains("master_fingerprint: " + fingerprint)
          .contains("policy_version: 1");
      first.stopGracefully();
    }

    try (Child second = Child.start(dir)) {
      List<String> block = second.awaitHints();
      assertThat(String.join("\n", second.lines)).contains("already exists: reusing it")
          .doesNotContain("Write down").doesNotContain("$ ./custos init");
      CliRunner.Result info = cli.run(pastedArgs(block));
      assertThat(info.exitCode()).as(info.stderr()).isZero();
      assertThat(info.stdout()).contains("master_fingerprint: " + fingerprint);

      String curl = block.stream().filter(l -> l.startsWith("  curl ")).findFirst().orElseThrow();
      assumeTrue(onPath("curl") && onPath("xxd"), "curl and xxd are needed to run the printed REST line");
      Process p = new ProcessBuilder("bash", "-c", curl.strip() + " --silent --show-error --fail").redirectErrorStream(true).start();
      String body = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(body).isZero();
      assertThat(body).contains("\"master_fingerprint\":\"" + fingerprint + "\"");
      second.stopGracefully();
    }
  }

  @Test
  void portInUseIsOneClearLine() throws Exception {
    CliRunner cli = new CliRunner();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String busy = "127.0.0.1:" + taken.getLocalPort();
      for (String[] ports : List.of(new String[] {busy, "127.0.0.1:0"}, new String[] {"127.0.0.1:0", busy})) {
        CliRunner.Result r = cli.run("quickstart", "--data-dir", tmp.resolve("busy").toString(),
            "--rpclisten", ports[0], "--restlisten", ports[1]);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).doesNotContain("\n").startsWith("custos: cannot start the server: cannot listen")
            .contains(busy).containsIgnoringCase("address already in use");
      }
    }
  }

  /** The printed {@code ./custos ... getinfo} line as arguments (the temporary paths hold no spaces). */
  private static String[] pastedArgs(List<String> block) {
    String line = block.stream().filter(l -> l.startsWith("  ./custos ")).findFirst().orElseThrow();
    String[] words = line.strip().split(" ");
    assertThat(words[words.length - 1]).isEqualTo("getinfo");
    return Arrays.copyOfRange(words, 1, words.length);
  }

  private static boolean onPath(String tool) throws Exception {
    return new ProcessBuilder("bash", "-c", "command -v " + tool).start().waitFor() == 0;
  }

  /** {@code custos quickstart} in a child JVM on free ports; its stdout read on a thread. */
  private static final class Child implements AutoCloseable {
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Path stderr;

    private Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = r.readLine()) != null; ) {
            lines.add(l);
          }
        } catch (java.io.IOException ignored) {
          // the child ended
        }
      }, "quickstart-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path dir) throws Exception {
      String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      Path err = Files.createTempFile(dir.getParent(), "quickstart", ".stderr");
      ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          Main.class.getName(), "quickstart", "--data-dir", dir.toString(), "--rpclisten", "127.0.0.1:0", "--restlisten", "127.0.0.1:0")
          .directory(dir.getParent().toFile()).redirectError(err.toFile());
      return new Child(pb.start(), err);
    }

    /** Waits for the printed block (from "Serving ..." to the curl line) and returns it. */
    List<String> awaitHints() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).startsWith("Serving gRPC on ")) {
            start = i;
          }
          if (start >= 0 && lines.get(i).startsWith("  curl ")) {
            return new ArrayList<>(lines.subList(start, i + 1));
          }
        }
        assertThat(process.isAlive()).as("quickstart exited early: %s%n%s", lines, Files.readString(stderr)).isTrue();
        Thread.sleep(100);
      }
      throw new AssertionError("no connection hints within 120 s: " + lines + "\n" + Files.readString(stderr));
    }

    /** SIGTERM, as Ctrl-C or systemd would send: the server shuts down and the JVM exits promptly. */
    void stopGracefully() throws Exception {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      assertThat(process.exitValue()).as(Files.readString(stderr)).isEqualTo(143);
    }

    @Override
    public void close() throws Exception {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
