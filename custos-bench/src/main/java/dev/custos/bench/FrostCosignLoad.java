package dev.custos.bench;

import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.PublicKeyPackage;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.testkit.InMemoryDkg;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import dev.custos.proto.v1.GetGroupResponse;
import dev.custos.server.cosigner.CosignerEndpoint;
import dev.custos.server.cosigner.CosignerServer;
import dev.custos.server.cosigner.ThresholdCoordinator;
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
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Issue 6 "Performance": 2-of-3 FROST signing over loopback TLS with durable nonce state. Three
 * cosigner servers (pinned mutual TLS, one SQLite store each, their own policy) and the
 * {@link ThresholdCoordinator} in one JVM; every signature is a full session on a distinct PSBT:
 * two parallel Commit calls (sealed nonces stored UNUSED: one store commit per cosigner), two
 * parallel Sign calls (share computed and verified in memory, then one store commit per cosigner:
 * policy decision and debit, nonces marked USED, release audited), share verification,
 * aggregation and libsecp256k1 BIP340 verification.
 *
 * <p>Usage: {@code FrostCosignLoad [signatures]} (default 300, after 30 warm-up signatures),
 * sequential, one session at a time. Reports p50/p99/max latency and signatures per second.
 */
public final class FrostCosignLoad {
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 1 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 10000000 BTC, max-count: 100000000}
      """;
  private static final int WARMUP = 30;

  private FrostCosignLoad() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    SecureRandom random = new SecureRandom();
    Path dir = Files.createTempDirectory("custos-frost-load-");
    Map<Identifier, CertifiedKey> keys = InMemoryDkg.run(2, 3, random);
    CertifiedKey any = keys.get(Identifier.of(1));
    byte[] internalKey = any.publicKeyPackage().groupKey().xOnly();
    byte[] outputKey = any.outputPublicKeyPackage().groupKey().xOnly();
    PublicKeyPackage outputKeys = any.outputPublicKeyPackage();
    TlsIdentity coordinatorTls = SelfSignedTls.ensure(Files.createDirectories(dir.resolve("coordinator")), List.of(), Clock.systemUTC(), random);
    String pin = PinnedCertificates.fingerprint(coordinatorTls.certificate());
    List<CosignerServer> servers = new ArrayList<>();
    List<Store> stores = new ArrayList<>();
    List<CosignerEndpoint> endpoints = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Path d = Files.createDirectories(dir.resolve("cosigner" + i));
      Store store = StoreFactory.open("jdbc:sqlite:" + d.resolve("custos.db"));
      stores.add(store);
      PolicyFile p = PolicyFile.parse(POLICY, "bench.yaml", Network.REGTEST);
      store.write(tx -> {
        tx.applyPolicy(new AppliedPolicy(1, p.text(), p.sha256Hex(), Instant.now(), "bench"));
        return null;
      });
      Cosigner cosigner = new Cosigner(keys.get(Identifier.of(i)), store,
          new SigningWorkflow(store, FrostCosignLoad::parse, Clock.systemUTC(), random, 1000),
          GroupWallet.of(Network.REGTEST, outputKey), Clock.systemUTC(), random);
      TlsIdentity tls = SelfSignedTls.ensure(d, List.of(), Clock.systemUTC(), random);
      CosignerServer server = CosignerServer.start(cosigner, GetGroupResponse.getDefaultInstance(), tls, Set.of(pin), "127.0.0.1", 0);
      servers.add(server);
      endpoints.add(new CosignerEndpoint(Identifier.of(i), "127.0.0.1", server.port(), PinnedCertificates.fingerprint(tls.certificate())));
    }
    Random psbtSeeds = new Random(6);
    long[] latencies = new long[count];
    long start = 0;
    try (ThresholdCoordinator coordinator = new ThresholdCoordinator(endpoints, outputKeys, 2, coordinatorTls, Duration.ofSeconds(10), random)) {
      for (int i = -WARMUP; i < count; i++) {
        Psbt psbt = spend(internalKey, outputKey, psbtSeeds);
        if (i == 0) {
          start = System.nanoTime();
        }
        long t0 = System.nanoTime();
        ThresholdCoordinator.Signed signed = coordinator.sign(psbt, 0);
        long t1 = System.nanoTime();
        if (signed.psbt().inputs().get(0).tapKeySig().isEmpty() || !signed.excluded().isEmpty()) {
          throw new IllegalStateException("session " + i + " did not sign cleanly: " + signed.excluded());
        }
        if (i >= 0) {
          latencies[i] = t1 - t0;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (CosignerServer s : servers) {
      s.close();
    }
    for (Store s : stores) {
      s.close();
    }
    java.util.Arrays.sort(latencies);
    System.out.printf("FrostCosignLoad: %d signatures (2-of-3, loopback mTLS, SQLite, sequential) in %.2f s%n", count, seconds);
    System.out.printf("  throughput %.1f signatures/s%n", count / seconds);
    System.out.printf("  p50 %.2f ms  p99 %.2f ms  max %.2f ms%n", latencies[count / 2] / 1e6,
        latencies[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)] / 1e6, latencies[count - 1] / 1e6);
  }

  private static Psbt spend(byte[] internalKey, byte[] outputKey, Random seeds) {
    Transaction prev = TestWallets.funding(seeds, List.of(TestWallets.out(100_000, new ByteVector("5120" + HexFormat.of().formatHex(outputKey)))));
    PsbtInput in = new InputBuilder().witnessUtxo(prev.txOut.get(0)).internalKey(new XonlyPublicKey(new ByteVector32(internalKey))).build();
    return PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(99_000, new ByteVector("0014" + "ab".repeat(20)))),
        List.of(PsbtFactory.plainOutput()));
  }

  private static dev.custos.core.policy.Policy parse(String text) {
    try {
      return PolicyFile.parse(text, "applied", Network.REGTEST).policy();
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage());
    }
  }
}
