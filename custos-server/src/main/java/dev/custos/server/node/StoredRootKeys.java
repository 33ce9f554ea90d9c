package dev.custos.server.node;

import dev.custos.core.macaroon.RootKeyId;
import dev.custos.core.macaroon.RootKeyUnsealException;
import dev.custos.core.secret.SecretBytes;
import dev.custos.store.StoreException;
import dev.custos.store.StoreUncheckedException;
import dev.custos.store.StoredRootKey;
import java.util.Optional;
import java.util.function.Function;

/**
 * The macaroon root keys of a node, as the macaroon authenticator asks for them: the sealed key
 * stored under a root key id, read from the store on every call (so a deletion by any process
 * revokes at once), opened with the node's vault (once per key while unlocked, {@link
 * OpenedRootKeys}), as a fresh copy the verifier closes.
 * Empty when the id is unknown or deleted (revoked), and while the node is locked (the vault
 * derives from the seed; the lock gate refuses calls before they get here). A stored key that does
 * not open fails closed as a store error.
 */
public final class StoredRootKeys implements Function<byte[], Optional<SecretBytes>> {
  private final Node node;

  public StoredRootKeys(Node node) {
    this.node = node;
  }

  @Override
  public Optional<SecretBytes> apply(byte[] storageId) {
    Optional<RootKeyId> id = RootKeyId.ofStorageId(storageId);
    Optional<UnlockedKeys> keys = node.unlockedKeys();
    if (id.isEmpty() || keys.isEmpty()) {
      return Optional.empty();
    }
    try {
      Optional<StoredRootKey> row = node.store().read(tx -> tx.macaroonRootKey(id.get().bytes()));
      if (row.isEmpty()) {
        keys.get().openedRootKeys().forget(id.get());
        return Optional.empty();
      }
      return Optional.of(keys.get().openedRootKeys().open(id.get(), row.get().ciphertext()));
    } catch (StoreException e) {
      throw new StoreUncheckedException(e);
    } catch (RootKeyUnsealException e) {
      throw new StoreUncheckedException(new StoreException("macaroon root key store is damaged: " + e.getMessage()));
    }
  }
}
