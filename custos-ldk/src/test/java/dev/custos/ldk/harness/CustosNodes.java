package dev.custos.ldk.harness;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.adapter.CustosKeysInterface;
import dev.custos.ldk.adapter.NodeKeys;
import dev.custos.ldk.signer.Bolt3ChannelSigner;
import dev.custos.ldk.signer.ChannelKeys;
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
