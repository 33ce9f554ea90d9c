package dev.custos.service.macaroon;

import dev.custos.core.audit.AuditType;
import dev.custos.core.macaroon.RootKeyId;
import dev.custos.service.audit.AuditTrail;
import dev.custos.store.ReadTx;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoredRootKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lists and revokes macaroon root key ids (LND's {@code ListMacaroonIDs} and {@code
 * DeleteMacaroonID}); needs no secret. Deleting an id revokes every macaroon minted under it: the
 * {@link MacaroonAuthenticator} then denies them as "root key id not found".
 */
public final class RootKeyRegistry {
  private final Store store;
  private final Clock clock;

  public RootKeyRegistry(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Every stored root key (sealed), oldest first. */
  public List<StoredRootKey> list() throws StoreException {
    return store.read(ReadTx::macaroonRootKeys);
  }

  /**
   * Deletes {@code id} and, in the same transaction, appends a {@code macaroon.revoke} audit
   * record. Nothing is written when no root key is stored under {@code id}.
   *
   * @param credential who asked, for the audit record
   * @return whether a root key was stored under {@code id}
   */
  public boolean revoke(RootKeyId id, String credential) throws StoreException {
    return store.write(tx -> {
      if (!tx.deleteMacaroonRootKey(id.bytes())) {
        return false;
      }
      Instant now = clock.instant();
      AuditTrail.append(tx, now, AuditType.MACAROON_REVOKE.wireName(), Map.of("rootKeyId", id.toHex(), "credential", credential));
      return true;
    });
  }
}
