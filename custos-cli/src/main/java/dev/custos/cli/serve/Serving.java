package dev.custos.cli.serve;

import dev.custos.cli.CliContext;
import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import dev.custos.cli.node.NodeSession;
import dev.custos.cli.wallet.Keystore;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.macaroon.CaveatChecker;
import dev.custos.core.macaroon.RootKeyId;
import dev.custos.core.macaroon.RootKeyUnsealException;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.seal.PassphraseSealer;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.CustosServer;
import dev.custos.server.ServerStartException;
import dev.custos.server.auth.MacaroonAuthenticator;
import dev.custos.service.macaroon.MacaroonBakery;
import dev.custos.service.macaroon.MacaroonPreset;
import dev.custos.store.StoreException;
import dev.custos.store.StoreUncheckedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Starts a Custos server on a data directory: unlocks the keystore (when a passphrase is given),
 * bakes {@code admin.macaroon}, {@code readonly.macaroon} and {@code signer.macaroon} on first
 * start (0600, like LND), and authenticates every call against the stored, sealed root keys.
 * The caller owns the returned handle and stops it.
 */
public final class Serving implements AutoCloseable {
  public static final List<MacaroonPreset> FIRST_START = List.of(MacaroonPreset.ADMIN, MacaroonPreset.READONLY, MacaroonPreset.SIGNER);

  private final CustosServer server;
  private final NodeSession node;
  private final RootKeyVault vault;

  private Serving(CustosServer server, NodeSession node, RootKeyVault vault) {
    this.server = server;
    this.node = node;
    this.vault = vault;
  }

  public CustosServer server() {
    return server;
  }

  /**
   * @param passphrase required: the root-key vault and the signer derive from the seed
   */
  public static Serving start(CliContext ctx, Path dataDir, SecretBytes passphrase, HostPort rpc, HostPort rest, List<String> extraNames)
      throws CliException {
    NodeSession node = NodeSession.open(ctx, dataDir);
    RootKeyVault vault;
    try (PassphraseSealer sealer = PassphraseSealer.forUnsealing(passphrase);
        ExtendedPrivateKey master = node.keystore().unlock(sealer)) {
      vault = RootKeyVault.derive(master);
    } catch (CliException e) {
      node.close();
      throw e;
    }
    try {
      bakeFirstStartMacaroons(ctx, node, vault);
      Function<byte[], Optional<SecretBytes>> rootKeys = id -> rootKey(node, vault, id);
      CustosServer server = CustosServer.builder(dataDir).listen(rpc.host(), rpc.port()).restListen(rest.host(), rest.port()).passphrase(passphrase).tlsExtraNames(extraNames)
          .authenticator(new MacaroonAuthenticator(rootKeys, CaveatChecker.NONE, ctx.clock()))
          .env(ctx.env()).clock(ctx.clock()).random(ctx.random()).start();
      return new Serving(server, node, vault);
    } catch (ServerStartException e) {
      vault.close();
      node.close();
      throw new CliException(ExitCode.BAD_INPUT, "cannot start the server: " + e.getMessage(), e);
    } catch (CliException | RuntimeException e) {
      vault.close();
      node.close();
      throw e;
    }
  }

  /** The sealed root key stored under {@code id}, decrypted; empty when unknown or revoked. */
  private static Optional<SecretBytes> rootKey(NodeSession node, RootKeyVault vault, byte[] storageId) {
    Optional<RootKeyId> id = RootKeyId.ofStorageId(storageId);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      var row = node.store().read(tx -> tx.macaroonRootKey(id.get().bytes()));
      if (row.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(vault.unseal(id.get(), row.get().ciphertext()));
    } catch (StoreException e) {
      throw new StoreUncheckedException(e);
    } catch (RootKeyUnsealException e) {
      throw new StoreUncheckedException(new StoreException("macaroon root key store is damaged: " + e.getMessage()));
    }
  }

  /** LND's first start: one macaroon per preset, each with its own root key, never overwritten. */
  private static void bakeFirstStartMacaroons(CliContext ctx, NodeSession node, RootKeyVault vault) throws CliException {
    MacaroonBakery bakery = new MacaroonBakery(node.store(), vault, ctx.clock(), ctx.random());
    for (MacaroonPreset preset : FIRST_START) {
      Path file = node.keystore().path().resolve(preset.cliName() + ".macaroon");
      if (Files.exists(file)) {
        continue;
      }
      try {
        var baked = bakery.bake(preset.permissions(), List.of(), preset.cliName() + " (first start)", node.config().principal());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, baked.macaroon().encode(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        ctx.stderr().println("baked " + file + " (root key id " + baked.rootKeyId().toHex() + ")");
      } catch (StoreException | IOException e) {
        throw new CliException(ExitCode.INTERNAL, "cannot bake " + file.getFileName() + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() throws CliException {
    try {
      server.close();
    } finally {
      vault.close();
      node.close();
    }
  }
}
