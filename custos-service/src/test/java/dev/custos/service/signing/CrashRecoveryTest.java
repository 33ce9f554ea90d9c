package dev.custos.service.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.audit.AuditKey;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.AuditVerification;
import dev.custos.core.audit.AuditVerifier;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.core.policy.Verdict;
import dev.custos.core.testkit.TestWallets;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debit before sign, under fire: a child JVM signs a stream of PSBTs through the real workflow on
 * SQLite and is killed with SIGKILL at random moments, several times; then it runs to the end.
 * Afterwards: every signature the client received has its ALLOW decision, its debit and its
 * release record; every ALLOW decision is directly followed by its release record (one
 * transaction); the wallet budget was never exceeded nor debited twice; the audit chain is
 * intact. The seed of the kill schedule is printed so a failure can be replayed.
 */
class CrashRecoveryTest {
  private static final int PSBTS = 20;
  private static final int BUDGET_TXS = 10;
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 0.02 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.1 BTC}
      """;

  @TempDir
  Path dir;

  @Test
  void killedAtRandomPointsNeverReleasesUnrecordedSpendsOrOverspends() throws Exception {
    long seed = System.nanoTime();
    System.out.println("CrashRecoveryTest seed " + seed);
    Random random = new Random(seed);
    Path db = dir.resolve("custos.db");
    try (Store store = StoreFactory.open("jdbc:sqlite:" + db)) {
      PolicyFile p = PolicyFile.parse(POLICY, "crash.yaml", dev.custos.core.keys.Network.REGTEST);
      store.write(tx -> {
        tx.applyPolicy(new AppliedPolicy(1, p.text(), p.sha256Hex(), Instant.now(), "test"));
        return null;
      });
    }

    Map<Integer, String> received = new TreeMap<>();
    int kills = 0;
    for (int round = 0; round < 6; round++) {
      Run run = start(db);
      run.awaitReady();
      // Kill somewhere in the stream: after a random number of answers, plus a few milliseconds,
      // so that kills land before, inside and after the store transactions of a request.
      run.awaitAnswers(random.nextInt(PSBTS));
      Thread.sleep(random.nextInt(15));
      run.process.destroyForcibly();
      run.process.waitFor(30, TimeUnit.SECONDS);
      kills++;
      run.collectInto(received);
      System.out.println("round " + round + ": killed after " + (run.lines.size() - 1) + " answers");
    }
    Run last = start(db);
    assertThat(last.process.waitFor(120, TimeUnit.SECONDS)).as("final run finishes").isTrue();
    last.collectInto(received);
    assertThat(last.lines).contains("DONE");
    Set<Integer> releasedInFinalRun = new TreeSet<>();
    for (String l : last.lines) {
      if (l.startsWith("RELEASED ")) {
        releasedInFinalRun.add(Integer.parseInt(l.split(" ")[1]));
      }
    }

    try (Store store = StoreFactory.open("jdbc:sqlite:" + db);
        ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON);
        AuditKey auditKey = AuditKey.derive(master)) {
      String wallet = HexFormat.of().toHexDigits(master.fingerprint());
      List<AuditRecord> audit = store.read(tx -> tx.auditRecords(0, Integer.MAX_VALUE));
      for (Map.Entry<Integer, String> e : received.entrySet()) {
        var d = store.read(tx -> tx.decision(wallet, e.getValue()));
        assertThat(d).as("decision for released PSBT #" + e.getKey()).isPresent();
        assertThat(d.get().verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(audit).as("release record for #" + e.getKey())
            .anyMatch(r -> r.type().equals("signature.release") && e.getValue().equals(r.fields().get("txid")));
      }
      var totals = store.read(tx -> tx.totals(VelocityLimit.Scope.WALLET, wallet, Duration.ofHours(24), Instant.now().plusSeconds(1)));
      assertThat(totals.amountSat()).as("never over budget").isLessThanOrEqualTo(BUDGET_TXS * CrashPsbts.AMOUNT);
      assertThat(totals.count()).as("each allowed PSBT debited once").isLessThanOrEqualTo(BUDGET_TXS);
      assertThat(totals.amountSat()).isEqualTo(totals.count() * CrashPsbts.AMOUNT);
      assertThat(releasedInFinalRun).as("the first %d PSBTs are allowed (replayed without new debits), the rest denied", BUDGET_TXS)
          .isEqualTo(new TreeSet<>(java.util.stream.IntStream.range(0, BUDGET_TXS).boxed().toList()));
      assertThat(totals.count()).isEqualTo(BUDGET_TXS);
      // Decision, debit and release commit in one transaction: no kill can leave an ALLOW decision
      // without its release record right after it.
      for (int i = 0; i < audit.size(); i++) {
        AuditRecord r = audit.get(i);
        if (r.type().equals("policy.decision") && "ALLOW".equals(r.fields().get("verdict"))) {
          assertThat(i + 1).as("a record follows the ALLOW decision seq %d", r.seq()).isLessThan(audit.size());
          AuditRecord next = audit.get(i + 1);
          assertThat(next.type()).as("record after the ALLOW decision seq %d", r.seq()).isEqualTo("signature.release");
          assertThat(next.fields().get("txid")).isEqualTo(r.fields().get("txid"));
        }
      }
      AuditVerification v = AuditVerifier.verify(audit.iterator(), Optional.of(auditKey.publicKey()));
      assertThat(v.ok()).as(v.reason().orElse("")).isTrue();
      assertThat(v.checkpointsChecked()).isPositive();
    }
    assertThat(kills).isEqualTo(6);
  }

  private Run start(Path db) throws Exception {
    String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), db.toString(), Integer.toString(PSBTS));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return new Run(pb.start());
  }

  /** One child JVM and the lines it printed (read on a thread, so nothing is lost at the kill). */
  private static final class Run {
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Thread reader;

    Run(Process process) {
      this.process = process;
      this.reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = r.readLine()) != null; ) {
            lines.add(l);
          }
        } catch (java.io.IOException ignored) {
          // the child was killed
        }
      });
      reader.start();
    }

    void awaitReady() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!lines.contains("READY") && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(lines).as("child started").contains("READY");
    }

    void awaitAnswers(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lines.size() - 1 < n && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
    }

    void collectInto(Map<Integer, String> received) throws InterruptedException {
      reader.join(10_000);
      for (String l : new ArrayList<>(lines)) {
        if (l.startsWith("RELEASED ")) {
          String[] f = l.split(" ");
          received.put(Integer.parseInt(f[1]), f[2]);
        }
      }
    }
  }
}
