package dev.custos.service.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.analysis.WalletView;
import dev.custos.core.audit.AuditKey;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.core.macaroon.MacaroonConstraints;
import dev.custos.core.policy.CredentialLimits;
import dev.custos.core.policy.Finding;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.core.policy.Verdict;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.sign.HdSigningKeys;
import dev.custos.core.testkit.TestWallets;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential's custos-* caveats in the workflow: they narrow fresh decisions and replays of an
 * earlier ALLOW alike (they belong to the request, not to the txid), and a narrowed request is
 * audited with its tag and neither debits nor releases anything.
 */
class SigningWorkflowCaveatsTest {
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 0.05 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.5 BTC}
      """;
  /** Below the 0.01 BTC every {@link CrashPsbts} spend sends. */
  private static final MacaroonConstraints MAX_HALF = new MacaroonConstraints(OptionalLong.of(500_000), List.of(), Optional.empty());

  @TempDir
  Path dir;

  private Store store;
  private ExtendedPrivateKey master;
  private AuditKey auditKey;
  private WalletContext wallet;
  private Account wpkh;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

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
    PolicyFile p = PolicyFile.parse(POLICY, "test.yaml", Network.REGTEST);
    store.write(tx -> {
      tx.applyPolicy(new AppliedPolicy(1, p.text(), p.sha256Hex(), clock.instant(), "test"));
      return null;
    });
  }

  @AfterEach
  void tearDown() throws Exception {
    store.close();
    auditKey.close();
    master.close();
  }

  private SigningWorkflow flow() {
    return new SigningWorkflow(store, CrashChild::parse, clock, new SecureRandom(), 1000);
  }

  private SignOutcome sign(Psbt psbt, String credential, MacaroonConstraints caveats) throws Exception {
    return flow().sign(psbt, wallet, new HdSigningKeys(master), auditKey, credential, caveats);
  }

  private long walletCount() throws Exception {
    return store.read(tx -> tx.totals(VelocityLimit.Scope.WALLET, wallet.walletId(), Duration.ofHours(24), clock.instant())).count();
  }

  private AuditRecord lastDecision() throws Exception {
    return store.read(tx -> tx.auditRecords(0, 1000)).stream().filter(r -> r.type().equals("policy.decision"))
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aCaveatDeniesAFreshRequestWithoutDebitOrSignature() throws Exception {
    SignOutcome o = sign(CrashPsbts.spend(wpkh, 0), "macaroon:aa", MAX_HALF);
    assertThat(o.decision().verdict()).isEqualTo(Verdict.DENY);
    assertThat(o.decision().tags(Finding.Effect.DENY)).containsExactly(CredentialLimits.MAX_AMOUNT);
    assertThat(o.psbt()).isEmpty();
    assertThat(walletCount()).isZero();
    assertThat(lastDecision().fields()).containsEntry("verdict", "DENY").containsEntry("credential", "macaroon:aa")
        .containsValue("DENY policy-macaroon-max-amount: amount 0.01 BTC > macaroon max 0.005 BTC");
  }

  @Test
  void aCaveatAlsoAppliesWhenAnEarlierAllowIsReplayed() throws Exception {
    Psbt psbt = CrashPsbts.spend(wpkh, 1);
    assertThat(sign(psbt, "macaroon:unconstrained", MacaroonConstraints.NONE).decision().verdict()).isEqualTo(Verdict.ALLOW);

    SignOutcome replay = sign(psbt, "macaroon:constrained", MAX_HALF);
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.decision().verdict()).isEqualTo(Verdict.DENY);
    assertThat(replay.decision().tags(Finding.Effect.DENY)).containsExactly(CredentialLimits.MAX_AMOUNT);
    assertThat(replay.psbt()).isEmpty();
    assertThat(lastDecision().fields()).containsEntry("basis", "replayed").containsEntry("verdict", "DENY");

    SignOutcome dryRun = flow().check(psbt, wallet, "macaroon:constrained", MAX_HALF);
    assertThat(dryRun.replayed()).isTrue();
    assertThat(dryRun.decision().verdict()).isEqualTo(Verdict.DENY);

    // The earlier ALLOW is untouched: an unconstrained retry is still signed, debited once.
    SignOutcome retry = sign(psbt, "macaroon:unconstrained", MacaroonConstraints.NONE);
    assertThat(retry.decision().verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(retry.psbt()).isPresent();
    assertThat(walletCount()).isEqualTo(1);
  }

  @Test
  void caveatsThatAdmitTheSpendChangeNothing() throws Exception {
    MacaroonConstraints admits = new MacaroonConstraints(OptionalLong.of(1_000_000), List.of(),
        Optional.of(wpkh.accountPath()));
    SignOutcome o = sign(CrashPsbts.spend(wpkh, 2), "macaroon:bb", admits);
    assertThat(o.decision().verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(o.psbt()).isPresent();

    MacaroonConstraints otherAccount = new MacaroonConstraints(OptionalLong.empty(), List.of(),
        Optional.of(KeyPath.parse("m/84'/1'/7'")));
    assertThat(flow().check(CrashPsbts.spend(wpkh, 3), wallet, "macaroon:bb", otherAccount).decision().tags(Finding.Effect.DENY))
        .containsExactly(CredentialLimits.ACCOUNT);
  }
}
