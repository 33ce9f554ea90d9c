package dev.custos.store;

import dev.custos.core.analysis.PsbtAnalysis;
import dev.custos.core.analysis.PsbtAnalyzer;
import dev.custos.core.analysis.WalletView;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.policy.Debit;
import dev.custos.core.policy.Decision;
import dev.custos.core.policy.Destination;
import dev.custos.core.policy.Policy;
import dev.custos.core.policy.PolicyEvaluator;
import dev.custos.core.policy.SpendRequest;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.core.policy.VelocityLimit.Scope;
import dev.custos.core.policy.Verdict;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * The issue's policy benchmark (a main, not a test): one full policy decision — every rule,
 * including wallet, credential and destination velocity limits over 1 h / 24 h / 7 d, and a
 * 10,000-entry allowlist — against a store holding 1,000,000 recorded spends inside the window
 * (each spend debits the wallet, the credential and the destination, as real spends do).
 * Prints median and p99 over 10,000 decisions, each in its own read transaction as the workflow
 * does, on SQLite and on embedded PostgreSQL. How to run: custos-store/README.md.
 */
public final class PolicyDecisionProbe {
  private static final Instant END = Instant.parse("2026-01-10T00:00:00Z");
  private static final Duration SPAN = Duration.ofDays(7);
  private static final int SPENDS = 1_000_000;
  private static final int ALLOWLIST = 10_000;
  private static final int DECISIONS = 10_000;

  private PolicyDecisionProbe() {}

  /** Arguments: {@code sqlite}, {@code postgresql}, or none for both. */
  public static void main(String[] args) throws Exception {
    List<String> kinds = args.length == 0 ? List.of("sqlite", "postgresql") : List.of(args);
    try (ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON)) {
      Account wpkh = Account.derive(master, AccountType.BIP84, Network.REGTEST, 0);
      WalletView view = new WalletView(master.fingerprint(), List.of(wpkh));
      String walletId = HexFormat.of().toHexDigits(master.fingerprint());
      ByteVector payee = new ByteVector("0014" + "cd".repeat(20));
      Psbt psbt = spend(wpkh, payee);
      PsbtAnalysis analysis = PsbtAnalyzer.analyze(psbt, Network.REGTEST, Optional.of(view));
      Policy policy = policy(payee);
      SpendRequest request = new SpendRequest(psbt, analysis, walletId, "api:bench", END);
      if (kinds.contains("sqlite")) {
        Path dir = Files.createTempDirectory("custos-policy-perf");
        try (Store sqlite = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"))) {
          probe(sqlite, 10_000, walletId, payee, policy, request, null);
        }
      }
      if (kinds.contains("postgresql")) {
        String url = TestPostgres.newDatabaseUrl();
        try (Store postgres = StoreFactory.open(url)) {
          probe(postgres, 200, walletId, payee, policy, request, url);
        }
      }
    }
    System.exit(0);
  }

  private static void probe(Store store, int perWrite, String walletId, ByteVector payee, Policy policy, SpendRequest request,
      String vacuumUrl) throws Exception {
    long t0 = System.nanoTime();
    long step = SPAN.toNanos() / SPENDS;
    String dest = payee.toHex();
    for (int from = 0; from < SPENDS; from += perWrite) {
      int first = from;
      store.write(tx -> {
        for (int i = first; i < first + perWrite; i++) {
          long amount = 1 + i % 97;
          tx.debit(List.of(new Debit(Scope.WALLET, walletId, amount), new Debit(Scope.CREDENTIAL, "api:bench", amount),
              new Debit(Scope.DESTINATION, dest, amount)), END.minus(SPAN).plusNanos(step * i + 1), "spend-" + i);
        }
        return null;
      });
    }
    System.out.printf("%s: recorded %,d spends (3 debits each) in %.1f s%n", store.kind(), SPENDS, (System.nanoTime() - t0) / 1e9);
    if (vacuumUrl != null) {
      try (Connection c = DriverManager.getConnection(vacuumUrl); Statement st = c.createStatement()) {
        st.execute("VACUUM ANALYZE");
      }
    }
    Decision warm = store.read(tx -> PolicyEvaluator.evaluate(Optional.of(policy), request, tx));
    if (warm.verdict() != Verdict.ALLOW) {
      throw new IllegalStateException("benchmark decision should be ALLOW: " + warm.findings());
    }
    long[] nanos = new long[DECISIONS];
    for (int i = 0; i < DECISIONS; i++) {
      long s = System.nanoTime();
      Decision d = store.read(tx -> PolicyEvaluator.evaluate(Optional.of(policy), request, tx));
      nanos[i] = System.nanoTime() - s;
      if (d.verdict() != Verdict.ALLOW) {
        throw new IllegalStateException("unexpected " + d.verdict());
      }
    }
    System.out.printf("%s: policy decision (%,d allowlist entries, %d velocity limits, %,d spends in the window):"
        + " median %.1f us, p99 %.1f us over %,d decisions%n", store.kind(), ALLOWLIST, policy.velocity().size(), SPENDS,
        percentile(nanos, 0.50), percentile(nanos, 0.99), DECISIONS);
  }

  private static Psbt spend(Account wpkh, ByteVector payee) {
    Transaction prev = TestWallets.funding(new Random(5), List.of(TestWallets.out(1_000_000, wpkh.scriptPubKey(0, 0))));
    var in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0))
        .derivation(wpkh.publicKey(0, 0), new KeyOrigin(wpkh.masterFingerprint(), wpkh.accountPath().child(0).child(0))).build();
    return PsbtFactory.v0(List.of(prev), List.of(0), List.of(in),
        List.of(TestWallets.out(600_000, payee), TestWallets.out(398_000, wpkh.scriptPubKey(1, 0))),
        List.of(PsbtFactory.plainOutput(), PsbtFactory.derivedOutput(wpkh.publicKey(1, 0),
            new KeyOrigin(wpkh.masterFingerprint(), wpkh.accountPath().child(1).child(0)))));
  }

  /** Every rule set; limits far above the recorded spends so the decision is ALLOW. */
  private static Policy policy(ByteVector payee) {
    Map<ByteVector, Destination> allow = new LinkedHashMap<>();
    Random r = new Random(9);
    for (int i = 0; i < ALLOWLIST - 1; i++) {
      byte[] h = new byte[20];
      r.nextBytes(h);
      ByteVector script = new ByteVector("0014" + HexFormat.of().formatHex(h));
      allow.put(script, new Destination(script, "book exchanges #" + i));
    }
    allow.put(payee, new Destination(payee, "book exchanges: payee"));
    Map<ByteVector, Destination> deny = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      ByteVector script = new ByteVector("0014" + String.format("%040x", i));
      deny.put(script, new Destination(script, "denied #" + i));
    }
    long btc = 100_000_000L;
    List<VelocityLimit> velocity = List.of(
        new VelocityLimit(Scope.WALLET, Duration.ofHours(1), OptionalLong.of(1_000 * btc), OptionalLong.of(10_000_000)),
        new VelocityLimit(Scope.WALLET, Duration.ofHours(24), OptionalLong.of(1_000 * btc), OptionalLong.of(10_000_000)),
        new VelocityLimit(Scope.WALLET, Duration.ofDays(7), OptionalLong.of(1_000 * btc), OptionalLong.of(10_000_000)),
        new VelocityLimit(Scope.CREDENTIAL, Duration.ofHours(24), OptionalLong.of(1_000 * btc), OptionalLong.empty()),
        new VelocityLimit(Scope.DESTINATION, Duration.ofDays(7), OptionalLong.of(1_000 * btc), OptionalLong.empty()));
    return new Policy(1, false, OptionalLong.of(btc), velocity, Optional.of(allow), deny, false, OptionalLong.of(50_000),
        OptionalDouble.of(500), OptionalDouble.of(5), List.of(), Set.of(0, 1), false, Optional.empty(), Optional.empty(),
        OptionalLong.of(10 * btc), Set.of());
  }

  private static double percentile(long[] nanos, double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1_000.0;
  }
}
