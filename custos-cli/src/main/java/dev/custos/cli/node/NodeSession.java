package dev.custos.cli.node;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.wallet.Keystores;
import dev.custos.service.keystore.Keystore;
import dev.custos.service.config.ConfigException;
import dev.custos.service.config.NodeConfig;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import java.nio.file.Path;

/**
 * A data directory opened for work: keystore (public part), configuration and store. Closing it
 * closes the store.
 */
public final class NodeSession implements AutoCloseable {
  private final Keystore keystore;
  private final NodeConfig config;
  private final Store store;

  private NodeSession(Keystore keystore, NodeConfig config, Store store) {
    this.keystore = keystore;
    this.config = config;
    this.store = store;
  }

  public static NodeSession open(CliContext ctx, Path dataDir) throws CliException {
    Keystore ks = Keystores.open(dataDir);
    NodeConfig config;
    try {
      config = NodeConfig.load(ks.path(), ctx.env(), System.getProperty("user.name", "unknown"));
    } catch (ConfigException e) {
      throw CliException.badInput(e.getMessage());
    }
    try {
      return new NodeSession(ks, config, StoreFactory.open(config.storeUrl(), config.storeUser().orElse(null), config.storePassword().orElse(null)));
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "cannot open store " + NodeConfig.redactUrl(config.storeUrl()) + ": " + e.getMessage(), e);
    }
  }

  public Keystore keystore() {
    return keystore;
  }

  public NodeConfig config() {
    return config;
  }

  public Store store() {
    return store;
  }

  @Override
  public void close() throws CliException {
    try {
      store.close();
    } catch (StoreException e) {
      throw new CliException(ExitCode.INTERNAL, "closing the store failed: " + e.getMessage(), e);
    }
  }
}
