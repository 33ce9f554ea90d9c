package dev.custos.server.node;

import dev.custos.core.audit.AuditType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.seal.WrongPassphraseException;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.audit.AuditTrail;
import dev.custos.service.config.ConfigException;
import dev.custos.service.config.NodeConfig;
import dev.custos.service.keystore.Keystore;
import dev.custos.service.keystore.KeystoreException;
import dev.custos.service.keystore.WalletFile;
import dev.custos.service.macaroon.MacaroonBakery;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.service.policyfile.PolicyFileException;
import dev.custos.service.signing.PolicyParser;
import dev.custos.service.signing.SigningWorkflow;
import dev.custos.service.signing.WalletContext;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A data directory opened for serving: the keystore (public part), {@code custos.conf}, the
 * store, the signing workflow and, once unlocked, the keys the seed opens ({@link UnlockedKeys}).
 * The server shares one node between all calls; everything in it is thread-safe (the store
 * serializes writers; the keys are published once, by {@link #unlock}).
 *
 * <p>Locked → unlocked happens at most once and is never undone while the node is open: {@link
 * #close} zeroizes the keys.
 */
public final class Node implements AutoCloseable {
  private final Keystore keystore;
  private final NodeConfig config;
  private final Store store;
  private final Clock clock;
  private final SecureRandom random;
  private final SigningWorkflow workflow;
  private final WalletContext walletContext;
  private volatile UnlockedKeys keys;

  private Node(Keystore keystore, NodeConfig config, Store store, Clock clock, SecureRandom random, SigningWorkflow workflow) {
    this.keystore = keystore;
    this.walletContext = keystore.wallet().context();
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.workflow = workflow;
  }

  /**
   * Opens {@code dataDir} like the CLI does (same keystore, configuration and store), locked.
   *
   * @param env environment for {@code CUSTOS_*} configuration overrides
   */
  public static Node open(Path dataDir, Map<String, String> env, Clock clock, SecureRandom random) throws NodeException {
    Keystore keystore;
    NodeConfig config;
    try {
      keystore = Keystore.open(dataDir);
      config = NodeConfig.load(keystore.path(), env, System.getProperty("user.name", "unknown"));
    } catch (KeystoreException | ConfigException e) {
      throw new NodeException(e.getMessage());
    }
    Store store;
    try {
      store = StoreFactory.open(config.storeUrl(), config.storeUser().orElse(null), config.storePassword().orElse(null));
    } catch (StoreException e) {
      throw new NodeException("cannot open store " + NodeConfig.redactUrl(config.storeUrl()) + ": " + e.getMessage());
    }
    SigningWorkflow workflow = new SigningWorkflow(store, parser(keystore.wallet()), clock, random, config.auditCheckpointInterval(),
        config.approvalTimes());
    return new Node(keystore, config, store, clock, random, workflow);
  }

  /**
   * Unseals the seed with {@code passphrase} (not consumed), checks that {@code wallet.json}
   * matches it, appends a {@code key.unlock} audit record, bakes the first-start macaroon files
   * that are missing, and only then publishes the keys. On any failure the node stays locked and
   * nothing is kept.
   *
   * @param by what unlocked it, for the audit record ({@code server start}, {@code Unlock RPC})
   * @return the macaroon files written now
   * @throws RpcFailure.AlreadyUnlocked when the node is unlocked already
   * @throws WrongPassphraseException when the passphrase does not open the seed
   * @throws KeystoreException when the keystore files are unreadable or do not match
   */
  public synchronized List<Path> unlock(SecretBytes passphrase, String by)
      throws WrongPassphraseException, KeystoreException, StoreException, IOException {
    if (keys != null) {
      throw new RpcFailure.AlreadyUnlocked();
    }
    UnlockedKeys opened;
    try (PassphraseSealer sealer = PassphraseSealer.forUnsealing(passphrase)) {
      ExtendedPrivateKey master = keystore.unlock(sealer);
      opened = UnlockedKeys.of(master, keystore.wallet().accounts());
    }
    try {
      store.write(tx -> AuditTrail.append(tx, clock.instant(), AuditType.KEY_UNLOCK.wireName(),
          Map.of("sealer", "passphrase", "credential", config.principal(), "by", by, "outcome", "unlocked")));
      List<Path> baked = FirstStartMacaroons.bakeMissing(keystore.path(), new MacaroonBakery(store, opened.rootKeyVault(), clock, random),
          config.principal());
      keys = opened;
      return baked;
    } catch (StoreException | IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /**
   * Records a refused unlock attempt ({@code key.unlock} with {@code outcome}: why, never the
   * passphrase), so that guessing leaves a trace.
   */
  public void auditRefusedUnlock(String by, String outcome, int consecutiveFailures) throws StoreException {
    store.write(tx -> AuditTrail.append(tx, clock.instant(), AuditType.KEY_UNLOCK.wireName(),
        Map.of("sealer", "passphrase", "by", by, "outcome", outcome, "consecutiveFailures", Integer.toString(consecutiveFailures))));
  }

  public WalletFile wallet() {
    return keystore.wallet();
  }

  /** The wallet every signing request is for, built once from {@code wallet.json}. */
  public WalletContext walletContext() {
    return walletContext;
  }

  public Path dataDir() {
    return keystore.path();
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

  /** Who the node acts as in audit records written on its own behalf. */
  public String principal() {
    return config.principal();
  }

  /** @throws RpcFailure.WalletLocked while locked */
  public UnlockedKeys keys() {
    return unlockedKeys().orElseThrow(RpcFailure.WalletLocked::new);
  }

  /** The keys, or empty while locked. */
  public Optional<UnlockedKeys> unlockedKeys() {
    return Optional.ofNullable(keys);
  }

  public boolean unlocked() {
    return keys != null;
  }

  /** The M-of-N quorum over this node's store (docs/approvals.md); usable while locked. */
  public dev.custos.service.approval.QuorumService quorum() {
    return new dev.custos.service.approval.QuorumService(store, keystore.wallet().network(), config.approvalTimes(), clock, random);
  }

  /** Bakes macaroons with the node's root-key vault. @throws RpcFailure.WalletLocked while locked */
  public MacaroonBakery bakery() {
    return new MacaroonBakery(store, keys().rootKeyVault(), clock, random);
  }

  /** Reads applied policies back; a stored policy that no longer parses fails closed. */
  private static PolicyParser parser(WalletFile wallet) {
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
  public synchronized void close() throws StoreException {
    if (keys != null) {
      keys.close();
    }
    store.close();
  }
}
