package dev.custos.server.node;

import dev.custos.core.macaroon.RootKeyId;
import dev.custos.core.macaroon.RootKeyUnsealException;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.secret.SecretBytes;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The macaroon root keys this server has already opened with its {@link RootKeyVault}, kept while
 * unlocked so that verifying a macaroon does not decrypt its root key again on every call.
 *
 * <p>This is a cache of <em>decryption</em> only, never of existence: the caller reads the sealed
 * row from the store on every call and passes it in, so a root key id deleted by any process (the
 * {@code DeleteMacaroonId} RPC or {@code custos macaroon delete-id} on the store) stops verifying
 * at once. An entry is reused only for the very ciphertext it was opened from; a re-created id
 * with another key is opened anew. {@link #forget} drops an id seen deleted.
 *
 * <p>Thread-safe. {@link #close} zeroizes every opened key (with the vault, on stop).
 */
public final class OpenedRootKeys implements AutoCloseable {
  private final RootKeyVault vault;
  private final ConcurrentHashMap<RootKeyId, Opened> opened = new ConcurrentHashMap<>();

  OpenedRootKeys(RootKeyVault vault) {
    this.vault = vault;
  }

  /**
   * The root key sealed as {@code sealed} under {@code id}, as a fresh copy the caller closes.
   *
   * @throws RootKeyUnsealException when {@code sealed} does not open under {@code id}
   */
  public SecretBytes open(RootKeyId id, byte[] sealed) throws RootKeyUnsealException {
    Opened known = opened.get(id);
    if (known != null && Arrays.equals(known.sealed, sealed)) {
      SecretBytes copy = known.copy();
      if (copy != null) {
        return copy;
      }
    }
    SecretBytes key = vault.unseal(id, sealed);
    Opened fresh = new Opened(sealed.clone(), key.slice(0, key.length()));
    Opened replaced = opened.put(id, fresh);
    if (replaced != null) {
      replaced.destroy();
    }
    return key;
  }

  /** Drops and zeroizes the key opened for {@code id}, if any (the id was deleted). */
  public void forget(RootKeyId id) {
    Opened gone = opened.remove(id);
    if (gone != null) {
      gone.destroy();
    }
  }

  @Override
  public void close() {
    opened.values().forEach(Opened::destroy);
    opened.clear();
  }

  @Override
  public String toString() {
    return "OpenedRootKeys<secret>";
  }

  /** A key and the ciphertext it came from; copied and destroyed under its own lock. */
  private static final class Opened {
    private final byte[] sealed;
    private final SecretBytes key;

    Opened(byte[] sealed, SecretBytes key) {
      this.sealed = sealed;
      this.key = key;
    }

    /** A copy, or null once destroyed (a concurrent replacement or close). */
    synchronized SecretBytes copy() {
      return key.isDestroyed() ? null : key.slice(0, key.length());
    }

    synchronized void destroy() {
      key.close();
    }
  }
}
