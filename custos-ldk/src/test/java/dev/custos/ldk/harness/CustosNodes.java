package dev.custos.ldk.harness;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.adapter.CustosKeysInterface;
import dev.custos.ldk.adapter.CustosSpendableOutputs;
import dev.custos.ldk.adapter.NodeKeys;
import dev.custos.ldk.signer.Bolt3ChannelSigner;
import dev.custos.ldk.signer.ChannelKeys;
import dev.custos.ldk.signer.ChannelSignerPort;
import dev.custos.ldk.signer.PolicyChannelSignerProvider;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.service.channel.PaymentApprovals;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Function;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.ldk.structs.KeysManager;

/** Builds harness nodes whose keys and channel signatures come from Custos, or from LDK's KeysManager. */
public final class CustosNodes {
  private CustosNodes() {}

  /** A node on the Custos adapter: seed bytes all {@code seedByte}, signatures counted into {@code counts}. */
  public static LdkNode custos(String name, int seedByte, FakeChain chain, Map<String, AtomicInteger> counts,
      List<String> refusals) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) seedByte);
    ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(SecretBytes.takeOwnership(seed));
    NodeKeys nodeKeys = NodeKeys.derive(master);
    CustosKeysInterface keys = new CustosKeysInterface(nodeKeys,
        id -> new CountingSignerPort(new Bolt3ChannelSigner(ChannelKeys.derive(master, id)), counts),
        deterministicRandom(seedByte), (op, e) -> refusals.add(op + ": " + e.getMessage()));
    return new LdkNode(name, chain, keys.asKeysInterface(), List.of(master, nodeKeys, keys));
  }

  /**
   * A node on the Custos adapter whose channels are signed by the stateful, policy-enforcing
   * {@link dev.custos.ldk.signer.PolicyChannelSigner}, persisted in a SQLite store in {@code dir}; closes and sweeps may
   * pay only the node's destination script. The store stays open with the node.
   */
  public static StatefulNode stateful(String name, int seedByte, FakeChain chain, Map<String, AtomicInteger> counts,
      List<String> refusals, Path dir, Function<ChannelSignerPort, ChannelSignerPort> wrap) {
    Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) seedByte);
    ExtendedPrivateKey master = ExtendedPrivateKey.fromSeed(SecretBytes.takeOwnership(seed));
    NodeKeys nodeKeys = NodeKeys.derive(master);
    Store store;
    try {
      store = StoreFactory.open("jdbc:sqlite:" + dir.resolve(name + ".db"));
    } catch (StoreException e) {
      throw new IllegalStateException(e);
    }
    SignerLimits limits = SignerLimits.defaults(Set.of(Bolt3Scripts.p2wpkh(nodeKeys.destination())));
    PaymentApprovals payments = SpendingPolicy.apply(store, clock);
    PolicyChannelSignerProvider provider = PolicyChannelSignerProvider.open(master, Network.REGTEST, store, limits, clock, payments);
    CustosKeysInterface keys = new CustosKeysInterface(nodeKeys,
        id -> new CountingSignerPort(wrap.apply(provider.signerFor(id)), counts),
        deterministicRandom(seedByte), (op, e) -> refusals.add(op + ": " + e.getMessage()));
    LdkNode node = new LdkNode(name, chain, keys.asKeysInterface(), List.of(master, nodeKeys, keys, provider));
    return new StatefulNode(node, store, nodeKeys.destination(), payments, provider,
        new CustosSpendableOutputs(provider, nodeKeys));
  }

  /**
   * A harness node on the stateful signer, with its store (for audit and state assertions), its
   * payment approvals (the node asks before it pays), its channel signers and its sweeper of
   * LDK's spendable outputs.
   */
  public record StatefulNode(LdkNode node, Store store, fr.acinq.bitcoin.PublicKey destination, PaymentApprovals payments,
      PolicyChannelSignerProvider signers, CustosSpendableOutputs spendable) {}

  public static LdkNode keysManager(String name, int seedByte, FakeChain chain) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) seedByte);
    KeysManager keys = KeysManager.of(seed, 1_700_000_000L, seedByte);
    return new LdkNode(name, chain, keys.as_KeysInterface(), keys);
  }

  public static List<String> newRefusals() {
    return new CopyOnWriteArrayList<>();
  }

  private static SecureRandom deterministicRandom(int seedByte) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(new byte[] {(byte) seedByte});
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
