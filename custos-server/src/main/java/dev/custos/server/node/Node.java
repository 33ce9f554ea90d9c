package dev.custos.server.node;

import dev.custos.core.audit.AuditKey;
import dev.custos.core.audit.AuditType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.keystore.KeystoreException;
import dev.custos.server.keystore.ServerKeystore;
import dev.custos.server.keystore.WalletRecord;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.config.ConfigException;
import dev.custos.service.config.NodeConfig;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.policyfile.PolicyFileException;
import dev.custos.service.signing.PolicyParser;
import dev.custos.service.signing.SigningWorkflow;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * A data directory opened for serving: the keystore (public part), {@code custos.conf}, the
 * store, the signing workflow and, when a passphrase was given, the unlocked keys. The server
 * shares one node between all calls; everything in it is thread-safe (the store serializes
 * writers).
 */
public final class Node implements AutoCloseable {
  private final ServerKeystore keystore;
  private final Store store;
  private final Clock clock;
  private final SigningWorkflow workflow;
  private final Optional<UnlockedKeys> keys;

  private Node(ServerKeystore keystore, Store store, Clock clock, SigningWorkflow workflow, Optional<UnlockedKeys> keys) {
    this.keystore = keystore;
    this.store = store;
    this.clock = clock;
    this.workflow = workflow;
    this.keys = keys;
  }

  /**
   * Opens {@code dataDir} like the CLI does (same keystore, configuration and store) and, when
   * {@code passphrase} is present, unseals the seed and records a {@code key.unlock} audit event.
   *
   * @param env environment for {@code CUSTOS_*} configuration overrides
   */
  public static Node open(Path dataDir, Map<String, String> env, Optional<SecretBytes> passphrase, Clock clock, SecureRandom random)
      throws NodeException {
    ServerKeystore keystore;
    NodeConfig config;
    try {
      keystore = ServerKeystore.open(dataDir);
      config = NodeConfig.load(keystore.dataDir(), env, System.getProperty("user.name", "unknown"));
    } catch (KeystoreException | ConfigException e) {
      throw new NodeException(e.getMessage());
    }
    Optional<UnlockedKeys> keys = Optional.empty();
    Store store = null;
    try {
      if (passphrase.isPresent()) {
        ExtendedPrivateKey master = keystore.unlock(passphrase.get());
        keys = Optional.of(new UnlockedKeys(master, AuditKey.derive(master)));
      }
      store = StoreFactory.open(config.storeUrl(), config.storeUser().orElse(null), config.storePassword().orElse(null));
      if (keys.isPresent()) {
        String principal = config.principal();
        store.write(tx -> AuditTrail.append(tx, clock.instant(), AuditType.KEY_UNLOCK.wireName(),
            Map.of("sealer", "passphrase", "credential", principal, "by", "server start")));
      }
      SigningWorkflow workflow = new SigningWorkflow(store, parser(keystore.wallet()), clock, random, config.auditCheckpointInterval());
      return new Node(keystore, store, clock, workflow, keys);
    } catch (KeystoreException e) {
      throw new NodeException(e.getMessage());
    } catch (StoreException e) {
      keys.ifPresent(UnlockedKeys::close);
      closeQuietly(store);
      throw new NodeException("cannot open store " + NodeConfig.redactUrl(config.storeUrl()) + ": " + e.getMessage());
    }
  }

  public WalletRecord wallet() {
    return keystore.wallet();
  }

  public Path dataDir() {
    return keystore.dataDir();
  }

  public Store store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  public SigningWorkflow workflow() {
    return workflow;
  }

  /** @throws RpcFailure.WalletLocked when started without a passphrase */
  public UnlockedKeys keys() {
    return keys.orElseThrow(RpcFailure.WalletLocked::new);
  }

  public boolean unlocked() {
    return keys.isPresent();
  }

  /** Reads applied policies back; a stored policy that no longer parses fails closed. */
  private static PolicyParser parser(WalletRecord wallet) {
    return text -> {
      try {
        return PolicyFile.parse(text, "applied policy", wallet.network()).policy();
      } catch (PolicyFileException e) {
        throw new RpcFailure.AppliedPolicyUnreadable(e.getMessage());
      }
    };
  }

  /** Zeroizes the keys and closes the store. Call only after the last call finished. */
  @Override
  public void close() throws StoreException {
    keys.ifPresent(UnlockedKeys::close);
    store.close();
  }

  private static void closeQuietly(Store store) {
    if (store == null) {
      return;
    }
    try {
      store.close();
    } catch (StoreException e) {
      // The open already failed; that failure is the one reported.
    }
  }
}
