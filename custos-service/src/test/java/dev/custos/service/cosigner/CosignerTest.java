package dev.custos.service.cosigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.Frost;
import dev.custos.core.frost.FrostSignature;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.SignatureShare;
import dev.custos.core.frost.SigningCommitments;
import dev.custos.core.frost.SigningPackage;
import dev.custos.core.frost.TaprootTweak;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.sign.SigningOptions;
import dev.custos.core.sign.TaprootKeyPathSighash;
import dev.custos.core.testkit.InMemoryDkg;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.signing.SigningWorkflow;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import dev.custos.store.StoredFrostNonces;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three cosigners, each with its own SQLite store and policy, and a coordinator played by the
 * test — honest, then malicious. Every aggregate signature is judged by libsecp256k1's BIP340
 * verify against the output key.
 */
class CosignerTest {
  private static final Frost FROST = new Frost(ZfSecp256k1Taproot.INSTANCE);
  private static final TaprootTweak BIP86 = TaprootTweak.keyPathOnly();
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 0.001 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.01 BTC}
      """;

  @TempDir
  Path dir;

  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private final Map<Integer, Store> stores = new HashMap<>();
  private final Map<Integer, Cosigner> cosigners = new HashMap<>();
  private Map<Identifier, CertifiedKey> keys;
  private byte[] internalKey;
  private byte[] outputKey;

  @BeforeEach
  void setUp() throws Exception {
    keys = InMemoryDkg.run(2, 3, random);
    CertifiedKey any = keys.get(Identifier.of(1));
    internalKey = any.publicKeyPackage().groupKey().xOnly();
    outputKey = any.outputPublicKeyPackage().groupKey().xOnly();
    for (int i = 1; i <= 3; i++) {
      open(i);
      apply(i, POLICY);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Store s : stores.values()) {
      s.close();
    }
  }

  private void open(int i) throws Exception {
    Store store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("cosigner" + i + ".db"));
    stores.put(i, store);
    SigningWorkflow workflow = new SigningWorkflow(store, CosignerTest::parse, clock, random, 100);
    CertifiedKey k = keys.get(Identifier.of(i));
    CertifiedKey copy = new CertifiedKey(k.keyPackage(), k.publicKeyPackage(), k.transcriptHash());
    cosigners.put(i, new Cosigner(copy, store, workflow, GroupWallet.of(Network.REGTEST, outputKey), clock, random));
  }

  /** Simulates a crash: the process's memory is gone, the store file stays. */
  private void restart(int i) throws Exception {
    stores.remove(i).close();
    open(i);
  }

  private void apply(int i, String yaml) throws Exception {
    PolicyFile p = PolicyFile.parse(yaml, "test.yaml", Network.REGTEST);
    stores.get(i).write(tx -> {
      long v = tx.currentPolicy().map(AppliedPolicy::version).orElse(0L) + 1;
      tx.applyPolicy(new AppliedPolicy(v, p.text(), p.sha256Hex(), clock.instant(), "test"));
      return null;
    });
  }

  private static dev.custos.core.policy.Policy parse(String text) {
    try {
      return PolicyFile.parse(text, "applied", Network.REGTEST).policy();
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage());
    }
  }

  private byte[] psbt(int i) {
    return TestGroup.spend(internalKey, outputKey, i, 99_000);
  }

  private static byte[] session() {
    byte[] id = new byte[32];
    new SecureRandom().nextBytes(id);
    return id;
  }

  private static byte[] sighash(byte[] psbt) throws Exception {
    return TaprootKeyPathSighash.of(PsbtCodec.parse(psbt), 0, SigningOptions.DEFAULTS).digest();
  }

  private SignatureShare sign(int i, byte[] session, byte[] psbt, SigningPackage pkg) throws Exception {
    return cosigners.get(i).sign(session, psbt, 0, BIP86, pkg, "coordinator:test");
  }

  private boolean bip340Verifies(FrostSignature sig, byte[] message) {
    return Secp256k1.Companion.get().verifySchnorr(sig.encode(), message, outputKey);
  }

  @Test
  void twoOfThreeSignForTheOutputKeyAndLibsecp256k1Accepts() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c3 = cosigners.get(3).commit(s, psbt, 0, BIP86);
    SigningPackage pkg = new SigningPackage(List.of(c1, c3), sighash(psbt));
    List<SignatureShare> shares = List.of(sign(1, s, psbt, pkg), sign(3, s, psbt, pkg));
    FrostSignature sig = FROST.aggregate(pkg, shares, keys.get(Identifier.of(1)).outputPublicKeyPackage());
    assertThat(bip340Verifies(sig, sighash(psbt))).isTrue();
    assertThat(stores.get(1).read(tx -> tx.frostNonces(s, Identifier.of(1).encode())).orElseThrow().state())
        .isEqualTo(StoredFrostNonces.State.USED);
    // The spend was decided and recorded by each signer's own policy before its share left.
    String txid = PsbtCodec.parse(psbt).unsignedTransaction().txid.toString();
    String wallet = GroupWallet.of(Network.REGTEST, outputKey).walletId();
    java.util.Optional<dev.custos.store.RecordedDecision> on3 = stores.get(3).read(tx -> tx.decision(wallet, txid));
    java.util.Optional<dev.custos.store.RecordedDecision> on2 = stores.get(2).read(tx -> tx.decision(wallet, txid));
    assertThat(on3).isPresent();
    assertThat(on2).isEmpty();
  }

  @Test
  void aMessageChangedBetweenRoundsIsRefused() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    byte[] other = psbt(1);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    // Another PSBT in round two, with its own (correct) sighash: the nonces are bound to the first.
    assertRefused(() -> sign(1, s, other, new SigningPackage(List.of(c1, c2), sighash(other))), CosignerRefusal.PSBT_CHANGED);
    // The same PSBT with a bare hash that is not its sighash: never signed.
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(c1, c2), sighash(other))), CosignerRefusal.MESSAGE_MISMATCH);
    assertThat(stores.get(1).read(tx -> tx.frostNonces(s, Identifier.of(1).encode())).orElseThrow().state())
        .isEqualTo(StoredFrostNonces.State.UNUSED);
  }

  @Test
  void droppedOrAlteredCommitmentsAreRefused() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    SigningCommitments c3 = cosigners.get(3).commit(s, psbt, 0, BIP86);
    byte[] m = sighash(psbt);
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(c2, c3), m)), CosignerRefusal.COMMITMENT_MISSING);
    SigningCommitments forged = new SigningCommitments(Identifier.of(1), c2.hiding(), c2.binding());
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(forged, c2), m)), CosignerRefusal.COMMITMENT_ALTERED);
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(c1), m)), CosignerRefusal.PARTICIPANTS);
    SigningCommitments stranger = new SigningCommitments(Identifier.of(9), c2.hiding(), c2.binding());
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(c1, stranger), m)), CosignerRefusal.PARTICIPANTS);
    // None of that consumed the nonce; the honest package still signs.
    SigningPackage honest = new SigningPackage(List.of(c1, c3), m);
    FrostSignature sig = FROST.aggregate(honest, List.of(sign(1, s, psbt, honest), sign(3, s, psbt, honest)),
        keys.get(Identifier.of(1)).outputPublicKeyPackage());
    assertThat(bip340Verifies(sig, m)).isTrue();
  }

  @Test
  void anUnknownTweakOrAForeignInputIsRefused() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    TaprootTweak scriptPath = new TaprootTweak(new byte[32]);
    assertRefused(() -> cosigners.get(1).commit(s, psbt, 0, scriptPath), CosignerRefusal.UNKNOWN_TWEAK);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    assertRefused(() -> cosigners.get(1).sign(s, psbt, 0, scriptPath, new SigningPackage(List.of(c1, c2), sighash(psbt)), "c"),
        CosignerRefusal.UNKNOWN_TWEAK);
    // A PSBT spending the untweaked internal key (as if tweaked by someone else) is not ours.
    byte[] foreign = TestGroup.spend(internalKey, internalKey, 0, 99_000);
    assertRefused(() -> cosigners.get(1).commit(session(), foreign, 0, BIP86), CosignerRefusal.INPUT_NOT_OURS);
    assertRefused(() -> cosigners.get(1).commit(session(), new byte[] {1, 2, 3}, 0, BIP86), CosignerRefusal.PSBT_INVALID);
    assertRefused(() -> cosigners.get(1).commit(session(), psbt, 1, BIP86), CosignerRefusal.PSBT_INVALID);
  }

  @Test
  void aNonceNeverSignsTwice() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    SigningCommitments c3 = cosigners.get(3).commit(s, psbt, 0, BIP86);
    byte[] m = sighash(psbt);
    sign(1, s, psbt, new SigningPackage(List.of(c1, c2), m));
    // The classic attack: the same nonce with another co-signer set changes the challenge.
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(c1, c3), m)), CosignerRefusal.NONCE_USED);
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(c1, c2), m)), CosignerRefusal.NONCE_USED);
    // Round one again for the same session would mint a second nonce pair under the same id.
    assertRefused(() -> cosigners.get(1).commit(s, psbt, 0, BIP86), CosignerRefusal.SESSION_EXISTS);
    // ... and after a restart the store still says USED.
    restart(1);
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(c1, c3), m)), CosignerRefusal.NONCE_USED);
  }

  @Test
  void twoConcurrentRoundTwosOnOneNonceReleaseOneShare() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    SigningCommitments c3 = cosigners.get(3).commit(s, psbt, 0, BIP86);
    byte[] m = sighash(psbt);
    List<SigningPackage> packages = List.of(new SigningPackage(List.of(c1, c2), m), new SigningPackage(List.of(c1, c3), m));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<SignatureShare>> attempts = new ArrayList<>();
      for (SigningPackage pkg : packages) {
        attempts.add(pool.submit(() -> {
          start.await();
          return sign(1, s, psbt, pkg);
        }));
      }
      start.countDown();
      int released = 0;
      for (var attempt : attempts) {
        try {
          attempt.get();
          released++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOfSatisfying(CosignerRefusedException.class,
              r -> assertThat(r.refusal()).isEqualTo(CosignerRefusal.NONCE_USED));
        }
      }
      assertThat(released).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    long releases = stores.get(1).read(tx -> tx.auditRecords(0, 100)).stream().filter(r -> r.type().equals("frost.share.release")).count();
    assertThat(releases).isEqualTo(1);
  }

  @Test
  void aCrashBetweenRoundsKeepsTheNonceBoundAndSingleUse() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    restart(1);
    restart(2);
    // The sealed nonces survive the crash, still UNUSED and bound to this PSBT: round two completes.
    SigningPackage pkg = new SigningPackage(List.of(c1, c2), sighash(psbt));
    FrostSignature sig = FROST.aggregate(pkg, List.of(sign(1, s, psbt, pkg), sign(2, s, psbt, pkg)),
        keys.get(Identifier.of(1)).outputPublicKeyPackage());
    assertThat(bip340Verifies(sig, sighash(psbt))).isTrue();
  }

  @Test
  void aCrashAfterMarkingUsedLeavesTheNonceUnusable() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    // The process marked the nonces USED and died before computing the share.
    byte[] hash = fr.acinq.bitcoin.Crypto.sha256(PsbtCodec.serialize(PsbtCodec.parse(psbt)));
    stores.get(1).write(tx -> tx.markFrostNoncesUsed(s, Identifier.of(1).encode(), hash, clock.instant()));
    restart(1);
    assertRefused(() -> sign(1, s, psbt, new SigningPackage(List.of(c1, c2), sighash(psbt))), CosignerRefusal.NONCE_USED);
    // The coordinator's way out: a new session with fresh nonces.
    byte[] s2 = session();
    SigningCommitments d1 = cosigners.get(1).commit(s2, psbt, 0, BIP86);
    SigningCommitments d2 = cosigners.get(2).commit(s2, psbt, 0, BIP86);
    assertThat(d1).isNotEqualTo(c1);
    SigningPackage pkg = new SigningPackage(List.of(d1, d2), sighash(psbt));
    FrostSignature sig = FROST.aggregate(pkg, List.of(sign(1, s2, psbt, pkg), sign(2, s2, psbt, pkg)),
        keys.get(Identifier.of(1)).outputPublicKeyPackage());
    assertThat(bip340Verifies(sig, sighash(psbt))).isTrue();
  }

  @Test
  void aFailedCommitOfRoundTwoReleasesNoShareAndLeavesTheNonceUnused() throws Exception {
    byte[] s = session();
    byte[] psbt = psbt(0);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    SigningPackage pkg = new SigningPackage(List.of(c1, c2), sighash(psbt));
    // Cosigner 1 on a store whose next commit fails after the work ran (disk full, I/O error).
    Store real = stores.get(1);
    CommitFails failing = new CommitFails(real);
    SigningWorkflow workflow = new SigningWorkflow(failing, CosignerTest::parse, clock, random, 100);
    CertifiedKey k = keys.get(Identifier.of(1));
    Cosigner one = new Cosigner(new CertifiedKey(k.keyPackage(), k.publicKeyPackage(), k.transcriptHash()), failing, workflow,
        GroupWallet.of(Network.REGTEST, outputKey), clock, random);
    assertThatThrownBy(() -> one.sign(s, psbt, 0, BIP86, pkg, "coordinator:test"))
        .isInstanceOf(dev.custos.store.StoreException.class).hasMessageContaining("commit failed");
    assertThat(failing.failedCommits).isEqualTo(1);
    // Nothing of that transaction is on disk: the nonces UNUSED, no decision, no debit, no release record.
    byte[] participant = Identifier.of(1).encode();
    assertThat(real.read(tx -> tx.frostNonces(s, participant)).orElseThrow().state()).isEqualTo(StoredFrostNonces.State.UNUSED);
    List<String> types = new ArrayList<>();
    for (var r : real.read(tx -> tx.auditRecords(0, 100))) {
      types.add(r.type());
    }
    assertThat(types).doesNotContain("policy.decision", "frost.share.release");
    String txid = dev.custos.core.analysis.PsbtAnalyzer.analyze(PsbtCodec.parse(psbt), Network.REGTEST, java.util.Optional.empty())
        .unsignedTxid();
    String wallet = GroupWallet.of(Network.REGTEST, outputKey).walletId();
    java.util.Optional<dev.custos.store.RecordedDecision> decided = real.read(tx -> tx.decision(wallet, txid));
    assertThat(decided).isEmpty();
    // The session can still complete once the store commits again: the same nonce signs once.
    FrostSignature sig = FROST.aggregate(pkg, List.of(sign(1, s, psbt, pkg), sign(2, s, psbt, pkg)),
        keys.get(Identifier.of(1)).outputPublicKeyPackage());
    assertThat(bip340Verifies(sig, sighash(psbt))).isTrue();
    assertRefused(() -> sign(1, s, psbt, pkg), CosignerRefusal.NONCE_USED);
  }

  /** A store whose write transactions run their work, then fail to commit (rolled back). */
  private static final class CommitFails implements Store {
    private final Store real;
    int failedCommits;

    CommitFails(Store real) {
      this.real = real;
    }

    @Override
    public <T> T write(Work<dev.custos.store.WriteTx, T> work) throws dev.custos.store.StoreException {
      return real.write(tx -> {
        work.apply(tx);
        failedCommits++;
        throw new dev.custos.store.StoreException("commit failed: disk I/O error");
      });
    }

    @Override
    public <T> T read(Work<dev.custos.store.ReadTx, T> work) throws dev.custos.store.StoreException {
      return real.read(work);
    }

    @Override
    public String kind() {
      return real.kind();
    }

    @Override
    public void close() {}
  }

  @Test
  void aCosignerRefusesByItsOwnPolicyAndReleasesNothing() throws Exception {
    apply(2, """
        version: 1
        limits:
          max-per-transaction: 0.0005 BTC
          velocity:
            - {window: 24h, per: wallet, max-amount: 0.01 BTC}
        """);
    byte[] s = session();
    byte[] psbt = psbt(0);
    SigningCommitments c1 = cosigners.get(1).commit(s, psbt, 0, BIP86);
    SigningCommitments c2 = cosigners.get(2).commit(s, psbt, 0, BIP86);
    SigningPackage pkg = new SigningPackage(List.of(c1, c2), sighash(psbt));
    assertThatThrownBy(() -> sign(2, s, psbt, pkg))
        .isInstanceOfSatisfying(CosignerRefusedException.class, e -> {
          assertThat(e.refusal()).isEqualTo(CosignerRefusal.POLICY_DENIED);
          assertThat(e.getMessage()).contains("DENY").contains("policy-amount-max-per-tx");
        });
    List<String> types = new ArrayList<>();
    for (var r : stores.get(2).read(tx -> tx.auditRecords(0, 100))) {
      types.add(r.type());
    }
    assertThat(types).contains("policy.decision").doesNotContain("frost.share.release");
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, CosignerRefusal refusal) {
    assertThatThrownBy(call).isInstanceOfSatisfying(CosignerRefusedException.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
  }
}
