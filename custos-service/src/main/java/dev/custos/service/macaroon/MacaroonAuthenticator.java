package dev.custos.service.macaroon;

import dev.custos.core.macaroon.CaveatChecker;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonFormatException;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.macaroon.RequestContext;
import dev.custos.core.macaroon.RootKeyId;
import dev.custos.core.macaroon.RootKeyUnsealException;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.macaroon.Verification;
import dev.custos.core.macaroon.Verifier;
import dev.custos.core.secret.SecretBytes;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoredRootKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates one request's macaroon against the stored root keys: the macaroon's root key id
 * ({@link MacaroonId#storageId()}) is looked up in the store, the sealed root key opened with the
 * {@link RootKeyVault}, and {@link Verifier} decides (signature chain before any caveat, then
 * caveats, then the required permissions). A root key id that is not stored (never baked here,
 * or deleted = revoked) is {@code UNKNOWN_ROOT_KEY}, "verification failed: root key id not found".
 *
 * <p>Thread-safe while the vault is open; the vault stays owned by the caller. Denial messages
 * never contain a macaroon, signature or key.
 */
public final class MacaroonAuthenticator {
  private final Store store;
  private final RootKeyVault vault;
  private final Verifier verifier;

  /** @param caveats decides {@code lnd-custom} and other extension caveats; {@link CaveatChecker#NONE} denies them all */
  public MacaroonAuthenticator(Store store, RootKeyVault vault, CaveatChecker caveats) {
    this.store = store;
    this.vault = vault;
    this.verifier = new Verifier(caveats);
  }

  /**
   * Authenticates the binary v2 macaroon {@code encoded} (what LND writes to {@code
   * admin.macaroon}; gRPC metadata carries it as hex) for a request needing {@code required}.
   *
   * @throws MacaroonFormatException if {@code encoded} is not a macaroon (one line naming the field)
   * @throws StoreException if the store fails, or a stored root key does not open (a tampered row
   *     or another seed): fail closed
   */
  public Verification authenticate(byte[] encoded, Set<Permission> required, RequestContext context)
      throws MacaroonFormatException, StoreException {
    return authenticate(Macaroon.decode(encoded), List.of(), required, context);
  }

  /** As {@link #authenticate(byte[], Set, RequestContext)}, with discharge macaroons bound to it. */
  public Verification authenticate(Macaroon macaroon, List<Macaroon> discharges, Set<Permission> required, RequestContext context)
      throws StoreException {
    Optional<RootKeyId> id = rootKeyId(macaroon);
    Optional<StoredRootKey> stored = id.isEmpty() ? Optional.empty() : store.read(tx -> tx.macaroonRootKey(id.get().bytes()));
    if (stored.isEmpty()) {
      return verifier.verify(macaroon, discharges, storageId -> Optional.empty(), required, context);
    }
    byte[] storedId = id.get().bytes();
    try (SecretBytes rootKey = vault.unseal(id.get(), stored.get().ciphertext())) {
      return verifier.verify(macaroon, discharges,
          storageId -> Arrays.equals(storageId, storedId) ? Optional.of(rootKey.slice(0, rootKey.length())) : Optional.empty(),
          required, context);
    } catch (RootKeyUnsealException e) {
      throw new StoreException("macaroon root key store is damaged: " + e.getMessage(), e);
    }
  }

  private static Optional<RootKeyId> rootKeyId(Macaroon macaroon) {
    try {
      return RootKeyId.ofStorageId(MacaroonId.decode(macaroon.identifier()).storageId());
    } catch (MacaroonFormatException e) {
      return Optional.empty();
    }
  }
}
