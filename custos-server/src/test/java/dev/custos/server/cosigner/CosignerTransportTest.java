package dev.custos.server.cosigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.Identifier;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.testkit.InMemoryDkg;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import dev.custos.proto.v1.GetGroupResponse;
import dev.custos.server.tls.PinnedCertificates;
import dev.custos.server.tls.SelfSignedTls;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.cosigner.Cosigner;
import dev.custos.service.cosigner.GroupWallet;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.signing.SigningWorkflow;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three cosigner servers on loopback with mutually authenticated, pinned TLS and their own SQLite
 * stores, and the coordinator. The signed transaction is judged by bitcoin-kmp's script
 * interpreter (BIP341 key path), not by our code.
 */
class CosignerTransportTest {
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
  private final Map<Integer, CosignerServer> servers = new HashMap<>();
  private final Map<Integer, Store> stores = new HashMap<>();
  private final List<CosignerEndpoint> endpoints = new ArrayList<>();
  private Map<Identifier, CertifiedKey> keys;
  private TlsIdentity coordinatorTls;
  private Transaction funding;
  private Psbt psbt;

  @BeforeEach
  void setUp() throws Exception {
    keys = InMemoryDkg.run(2, 3, random);
    CertifiedKey any = keys.get(Identifier.of(1));
    byte[] outputKey = any.outputPublicKeyPackage().groupKey().xOnly();
    coordinatorTls = SelfSignedTls.ensure(Files.createDirectories(dir.resolve("coordinator")), List.of(), Clock.systemUTC(), random);
    String coordinatorPin = PinnedCertificates.fingerprint(coordinatorTls.certificate());
    for (int i = 1; i <= 3; i++) {
      Path d = Files.createDirectories(dir.resolve("cosigner" + i));
      Store store = StoreFactory.open("jdbc:sqlite:" + d.resolve("custos.db"));
      stores.put(i, store);
      apply(store, POLICY);
      CertifiedKey k = keys.get(Identifier.of(i));
      Cosigner cosigner = new Cosigner(new CertifiedKey(k.keyPackage(), k.publicKeyPackage(), k.transcriptHash()), store,
          new SigningWorkflow(store, CosignerTransportTest::parse, Clock.systemUTC(), random, 100),
          GroupWallet.of(Network.REGTEST, outputKey), Clock.systemUTC(), random);
      TlsIdentity tls = SelfSignedTls.ensure(d, List.of(), Clock.systemUTC(), random);
      CosignerServer server = CosignerServer.start(cosigner, GetGroupResponse.getDefaultInstance(), tls, Set.of(coordinatorPin),
          "127.0.0.1", 0);
      servers.put(i, server);
      endpoints.add(new CosignerEndpoint(Identifier.of(i), "127.0.0.1", server.port(), PinnedCertificates.fingerprint(tls.certificate())));
    }
    funding = TestWallets.funding(new Random(42), List.of(TestWallets.out(100_000, new ByteVector("5120" + HexFormat.of().formatHex(outputKey)))));
    PsbtInput in = new InputBuilder().witnessUtxo(funding.txOut.get(0))
        .internalKey(new XonlyPublicKey(new ByteVector32(any.publicKeyPackage().groupKey().xOnly()))).build();
    psbt = PsbtFactory.v0(List.of(funding), List.of(0), List.of(in), List.of(TestWallets.out(99_000, new ByteVector("0014" + "ab".repeat(20)))),
        List.of(PsbtFactory.plainOutput()));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (CosignerServer s : servers.values()) {
      s.close();
    }
    for (Store s : stores.values()) {
      s.close();
    }
  }

  private ThresholdCoordinator coordinator(TlsIdentity client) throws Exception {
    return new ThresholdCoordinator(endpoints, keys.get(Identifier.of(1)).outputPublicKeyPackage(), 2, client, Duration.ofSeconds(5), random);
  }

  /** Finalizes the key-path witness and runs bitcoin-kmp's interpreter with the standard flags. */
  private void assertSpends(Psbt signed) {
    byte[] sig = signed.inputs().get(0).tapKeySig().orElseThrow().toByteArray();
    Transaction tx = signed.unsignedTransaction().updateWitness(0, new ScriptWitness(List.of(new ByteVector(sig))));
    tx.correctlySpends(Map.of(tx.txIn.get(0).outPoint, funding.txOut.get(0)), ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
  }

  @Test
  void twoCosignersSignOverPinnedTlsWhileTheThirdIsStopped() throws Exception {
    servers.remove(1).close();
    try (ThresholdCoordinator c = coordinator(coordinatorTls)) {
      ThresholdCoordinator.Signed signed = c.sign(psbt, 0);
      assertThat(signed.signers()).containsExactly(Identifier.of(2), Identifier.of(3));
      assertThat(signed.excluded()).hasSize(1).first().asString().contains("UNAVAILABLE");
      assertSpends(signed.psbt());
    }
  }

  @Test
  void aRefusalByPolicyExcludesTheCosignerAndANewSessionSignsWithAnother() throws Exception {
    apply(stores.get(1), POLICY.replace("0.001 BTC", "0.0005 BTC"));
    try (ThresholdCoordinator c = coordinator(coordinatorTls)) {
      ThresholdCoordinator.Signed signed = c.sign(psbt, 0);
      assertThat(signed.signers()).containsExactly(Identifier.of(2), Identifier.of(3));
      assertThat(signed.excluded()).singleElement().asString().contains("cosigner-policy-denied");
      assertSpends(signed.psbt());
    }
  }

  @Test
  void theSpendFailsWhenTooFewCosignersAccept() throws Exception {
    servers.remove(3).close();
    apply(stores.get(2), POLICY.replace("0.001 BTC", "0.0005 BTC"));
    try (ThresholdCoordinator c = coordinator(coordinatorTls)) {
      assertThatThrownBy(() -> c.sign(psbt, 0)).isInstanceOf(CoordinatorException.class)
          .hasMessageContaining("cosigner-policy-denied").hasMessageContaining("fewer than 2");
    }
  }

  @Test
  void aClientWhoseCertificateIsNotPinnedIsTurnedAwayAtTheHandshake() throws Exception {
    TlsIdentity stranger = SelfSignedTls.ensure(Files.createDirectories(dir.resolve("stranger")), List.of(), Clock.systemUTC(), random);
    try (ThresholdCoordinator c = coordinator(stranger)) {
      assertThatThrownBy(() -> c.sign(psbt, 0)).isInstanceOf(CoordinatorException.class).hasMessageContaining("UNAVAILABLE");
    }
    for (Store s : stores.values()) {
      List<dev.custos.core.audit.AuditRecord> records = s.read(tx -> tx.auditRecords(0, 100));
      assertThat(records).noneMatch(r -> r.type().startsWith("psbt."));
    }
  }

  private static void apply(Store store, String yaml) throws Exception {
    PolicyFile p = PolicyFile.parse(yaml, "test.yaml", Network.REGTEST);
    store.write(tx -> {
      long v = tx.currentPolicy().map(AppliedPolicy::version).orElse(0L) + 1;
      tx.applyPolicy(new AppliedPolicy(v, p.text(), p.sha256Hex(), java.time.Instant.now(), "test"));
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
}
