package dev.custos.service.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.analysis.WalletView;
import dev.custos.core.audit.AuditKey;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.policy.PolicyTag;
import dev.custos.core.policy.Verdict;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.sign.HdSigningKeys;
import dev.custos.core.testkit.TestWallets;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.ReadTx;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import dev.custos.store.WriteTx;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debit-before-sign workflow on a real SQLite store: budgets, retries, clocks, fail-closed. */
class SigningWorkflowTest {
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 0.05 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.025 BTC}
      approval:
        above-amount: 0.03 BTC
      """;

  @TempDir
  Path dir;

  private Store store;
  private ExtendedPrivateKey master;
  private AuditKey auditKey;
  private WalletContext wallet;
  private Account wpkh;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

  @BeforeEach
  void setUp() throws Exception {
    store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"));
    master = TestWallets.master(TestWallets.ABANDON);
    auditKey = AuditKey.derive(master);
    List<Account> accounts = new ArrayList<>();
    for (AccountType t : AccountType.values()) {
      accounts.add(Account.derive(master, t, Network.REGTEST, 0));
    }
    wpkh = accounts.get(2);
    wallet = new WalletContext(Network.REGTEST, new WalletView(master.fingerprint(), accounts));
    apply(POLICY);
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
    auditKey.close();
    master.close();
  }

  private void apply(String yaml) throws Exception {
    PolicyFile p = PolicyFile.parse(yaml, "test.yaml", Network.REGTEST);
    store.write(tx -> {
      long v = tx.currentPolicy().map(AppliedPolicy::version).orElse(0L) + 1;
      tx.applyPolicy(new AppliedPolicy(v, p.text(), p.sha256Hex(), clock.instant(), "test"));
      return null;
    });
  }

  private SigningWorkflow flow(Store s) {
    return new SigningWorkflow(s, t -> CrashChild.parse(t), clock, new SecureRandom(), 5);
  }

  private SignOutcome sign(Store s, Psbt psbt) throws Exception {
    return flow(s).sign(psbt, wallet, new HdSigningKeys(master), auditKey, "local:test");
  }

  /** PSBT #i sends 0.01 BTC (CrashPsbts). */
  private Psbt psbt(int i) {
    return CrashPsbts.spend(wpkh, i);
  }

  @Test
  void aClockThatJumpsBackwardsDoesNotReopenTheWindow() throws Exception {
    assertThat(sign(store, psbt(0)).decision().verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(sign(store, psbt(1)).decision().verdict()).isEqualTo(Verdict.ALLOW);
    // 0.02 BTC of 0.025 BTC spent. The clock now jumps two days back: the earlier spends must
    // still count, or the budget would be spent twice.
    clock.set(clock.instant().minus(Duration.ofDays(2)));
    SignOutcome third = sign(store, psbt(2));
    assertThat(third.decision().verdict()).isEqualTo(Verdict.DENY);
    assertThat(third.decision().tags(dev.custos.core.policy.Finding.Effect.DENY))
        .containsExactly(PolicyTag.velocity(dev.custos.core.policy.VelocityLimit.Scope.WALLET, true));
    assertThat(third.psbt()).isEmpty();
    // Real time passing beyond the window does reopen it (the store may count the oldest minute
    // bucket whole, so "beyond" means past the minute the spends fall in).
    clock.set(Instant.parse("2026-11-24T12:01:00Z"));
    assertThat(sign(store, psbt(2)).decision().verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aRetryOfAnAllowedTransactionIsSignedAgainWithoutASecondDebit() throws Exception {
    SignOutcome first = sign(store, psbt(0));
    SignOutcome retry = sign(store, psbt(0));
    assertThat(first.replayed()).isFalse();
    assertThat(retry.replayed()).isTrue();
    assertThat(retry.psbt()).isPresent();
    var totals = store.read(tx -> tx.totals(dev.custos.core.policy.VelocityLimit.Scope.WALLET, wallet.walletId(),
        Duration.ofHours(24), clock.instant()));
    assertThat(totals.count()).isEqualTo(1);
    assertThat(totals.amountSat()).isEqualTo(CrashPsbts.AMOUNT);
  }

  @Test
  void aDenialIsNotStickyOnceThePolicyAllows() throws Exception {
    apply(POLICY.replace("max-per-transaction: 0.05 BTC", "max-per-transaction: 0.005 BTC"));
    assertThat(sign(store, psbt(0)).decision().verdict()).isEqualTo(Verdict.DENY);
    apply(POLICY);
    assertThat(sign(store, psbt(0)).decision().verdict()).isEqualTo(Verdict.ALLOW);
  }

  @Test
  void aPendingApprovalIsRecordedBoundToTheUnsignedTransactionAndNothingIsDebited() throws Exception {
    apply(POLICY.replace("above-amount: 0.03 BTC", "above-amount: 0.005 BTC"));
    SignOutcome o = sign(store, psbt(0));
    assertThat(o.decision().verdict()).isEqualTo(Verdict.PENDING_APPROVAL);
    assertThat(o.psbt()).isEmpty();
    var pending = store.read(ReadTx::pendingApprovals);
    assertThat(pending).singleElement().satisfies(p -> {
      assertThat(p.unsignedTxid()).isEqualTo(o.analysis().unsignedTxid());
      assertThat(p.tags()).containsExactly("policy-approval-amount");
    });
    var totals = store.read(tx -> tx.totals(dev.custos.core.policy.VelocityLimit.Scope.WALLET, wallet.walletId(),
        Duration.ofHours(24), clock.instant()));
    assertThat(totals.count()).isZero();
  }

  @Test
  void theDryRunChangesNothing() throws Exception {
    long before = store.read(tx -> tx.auditHead().map(AuditRecord::seq).orElse(-1L));
    SignOutcome o = flow(store).check(psbt(0), wallet, "local:test");
    assertThat(o.decision().verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(o.decision().budgets()).contains("wallet 24h: 0.015 BTC of 0.025 BTC left after this");
    long after = store.read(tx -> tx.auditHead().map(AuditRecord::seq).orElse(-1L));
    java.util.Optional<dev.custos.store.RecordedDecision> recorded =
        store.read(tx -> tx.decision(wallet.walletId(), o.analysis().unsignedTxid()));
    assertThat(after).isEqualTo(before);
    assertThat(recorded).isEmpty();
  }

  @Test
  void ifTheReleaseCannotBeAuditedNothingIsReturned() throws Exception {
    Store failing = failingOnAudit(store, "signature.release");
    assertThatThrownBy(() -> sign(failing, psbt(0))).isInstanceOf(StoreException.class);
    // The release record shares the decision's transaction: its failure rolls back the decision
    // and the debit too, so nothing is recorded and nothing left.
    String txid = psbt(0).unsignedTransaction().txid.toString();
    java.util.Optional<dev.custos.store.RecordedDecision> recorded = store.read(tx -> tx.decision(wallet.walletId(), txid));
    assertThat(recorded).isEmpty();
    assertThat(walletTotals().count()).isZero();
    List<AuditRecord> log = store.read(tx -> tx.auditRecords(0, 1000));
    assertThat(log).isEmpty();
    // A retry is a first decision, debited once.
    SignOutcome retry = sign(store, psbt(0));
    assertThat(retry.replayed()).isFalse();
    assertThat(retry.psbt()).isPresent();
    assertThat(walletTotals().count()).isEqualTo(1);
  }

  private dev.custos.core.policy.VelocityLedger.Totals walletTotals() throws StoreException {
    return store.read(tx -> tx.totals(dev.custos.core.policy.VelocityLimit.Scope.WALLET, wallet.walletId(),
        Duration.ofHours(24), clock.instant()));
  }

  @Test
  void ifTheDecisionCannotBeAuditedNothingIsRecordedOrReturned() throws Exception {
    Store failing = failingOnAudit(store, "policy.decision");
    assertThatThrownBy(() -> sign(failing, psbt(0))).isInstanceOf(StoreException.class);
    java.util.Optional<dev.custos.store.RecordedDecision> recorded =
        store.read(tx -> tx.decision(wallet.walletId(), psbt(0).unsignedTransaction().txid.toString()));
    assertThat(recorded).isEmpty();
    var totals = store.read(tx -> tx.totals(dev.custos.core.policy.VelocityLimit.Scope.WALLET, wallet.walletId(),
        Duration.ofHours(24), clock.instant()));
    assertThat(totals.count()).isZero();
  }

  @Test
  void checkpointsAreSignedIntoTheChain() throws Exception {
    for (int i = 0; i < 2; i++) {
      sign(store, psbt(i));
    }
    List<AuditRecord> log = store.read(tx -> tx.auditRecords(0, 1000));
    assertThat(log).anyMatch(r -> r.type().equals("audit.checkpoint"));
    var v = dev.custos.core.audit.AuditVerifier.verify(log.iterator(), java.util.Optional.of(auditKey.publicKey()));
    assertThat(v.ok()).as(v.reason().orElse("")).isTrue();
  }

  @Test
  void aCheckpointWhoseTransactionRolledBackIsMadeAgain() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean failAfterWork = new java.util.concurrent.atomic.AtomicBoolean();
    Store flaky = new Store() {
      @Override
      public <T> T write(Work<WriteTx, T> work) throws StoreException {
        return store.write(tx -> {
          T result = work.apply(tx);
          if (failAfterWork.get()) {
            throw new StoreException("simulated commit failure");
          }
          return result;
        });
      }

      @Override
      public <T> T read(Work<ReadTx, T> work) throws StoreException {
        return store.read(work);
      }

      @Override
      public String kind() {
        return store.kind();
      }

      @Override
      public void close() {}
    };
    SigningWorkflow flow = flow(flaky);
    flow.sign(psbt(0), wallet, new HdSigningKeys(master), auditKey, "local:test");
    // Records 3..5 of PSBT #1 reach the interval (5): a checkpoint is made at seq 6, then rolled back.
    failAfterWork.set(true);
    assertThatThrownBy(() -> flow.sign(psbt(1), wallet, new HdSigningKeys(master), auditKey, "local:test"))
        .hasMessageContaining("simulated commit failure");
    failAfterWork.set(false);
    flow.sign(psbt(1), wallet, new HdSigningKeys(master), auditKey, "local:test");

    List<AuditRecord> log = store.read(tx -> tx.auditRecords(0, 1000));
    assertThat(log).extracting(AuditRecord::type).containsExactly("psbt.request", "policy.decision", "signature.release",
        "psbt.request", "policy.decision", "signature.release", "audit.checkpoint");
    var v = dev.custos.core.audit.AuditVerifier.verify(log.iterator(), java.util.Optional.of(auditKey.publicKey()));
    assertThat(v.ok()).as(v.reason().orElse("")).isTrue();
    assertThat(v.checkpointsChecked()).isEqualTo(1);
  }

  /** A store whose appendAudit fails for records of one type (simulating a full disk at that moment). */
  private static Store failingOnAudit(Store real, String type) {
    return new Store() {
      @Override
      public <T> T write(Work<WriteTx, T> work) throws StoreException {
        return real.write(tx -> work.apply((WriteTx) Proxy.newProxyInstance(WriteTx.class.getClassLoader(),
            new Class<?>[] {WriteTx.class}, (proxy, m, args) -> {
              if (m.getName().equals("appendAudit") && ((AuditRecord) args[0]).type().equals(type)) {
                throw new StoreException("simulated audit failure");
              }
              try {
                return m.invoke(tx, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            })));
      }

      @Override
      public <T> T read(Work<ReadTx, T> work) throws StoreException {
        return real.read(work);
      }

      @Override
      public String kind() {
        return real.kind();
      }

      @Override
      public void close() {}
    };
  }

  /** A clock tests can move, in both directions. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
