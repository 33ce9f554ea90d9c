package dev.custos.service.macaroon;

import dev.custos.core.audit.AuditType;
import dev.custos.core.macaroon.Condition;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.macaroon.RootKeyId;
import dev.custos.core.macaroon.RootKeyUnsealException;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.macaroon.Verification;
import dev.custos.core.secret.SecretBytes;
import dev.custos.service.audit.AuditTrail;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoredRootKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Bakes LND-compatible macaroons (as LND's {@code BakeMacaroon}): by default a fresh 32-byte root
 * key under a fresh {@link RootKeyId} for every macaroon (so deleting the id revokes exactly that
 * macaroon),
 * a version-3 {@link MacaroonId} with the requested operations, location {@code "lnd"}, then the
 * first-party caveats in the order given.
 *
 * <p>The sealed root key and the {@code macaroon.bake} audit record are written in one store
 * transaction; the macaroon is returned only after it committed, so a macaroon the store cannot
 * verify, or that the audit log does not know, never leaves.
 */
public final class MacaroonBakery {
  /** Longest label; it is printed on one line by {@code macaroon list-ids}. */
  public static final int MAX_LABEL = 256;
  private static final int MAX_AUDITED_CAVEATS = 4096;

  private final Store store;
  private final RootKeyVault vault;
  private final Clock clock;
  private final SecureRandom random;

  /** @param vault stays owned by the caller, who closes it after the last bake */
  public MacaroonBakery(Store store, RootKeyVault vault, Clock clock, SecureRandom random) {
    this.store = store;
    this.vault = vault;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Bakes a macaroon granting {@code ops} under {@code caveats}, with the authority of whoever
   * holds the seed (the command line), under a fresh root key id. A server must use {@link
   * #bakeWithin} instead.
   *
   * @param credential who asked, for the audit record
   * @throws IllegalArgumentException if {@code ops} is empty or holds a permission outside
   *     {@link RpcPermissions#VOCABULARY}, or the label is too long or not one line
   */
  public BakedMacaroon bake(Set<Permission> ops, List<Condition> caveats, String label, String credential) throws StoreException {
    return bake(Optional.empty(), ops, caveats, label, credential);
  }

  /**
   * As {@link #bake(Set, List, String, String)}, optionally under a chosen root key id (LND's
   * {@code root_key_id}): when a root key is stored under {@code under}, the new macaroon shares
   * it (deleting the id then revokes them together; the stored label is kept); otherwise a fresh
   * root key is stored under that id. Empty: a fresh random id, the default.
   *
   * @throws StoreException also when the shared root key does not open (a tampered row or another
   *     seed): fail closed
   */
  public BakedMacaroon bake(Optional<RootKeyId> under, Set<Permission> ops, List<Condition> caveats, String label, String credential)
      throws StoreException {
    requireBakeable(ops, label);
    RootKeyId id = under.orElseGet(() -> RootKeyId.random(random));
    byte[] identifier = MacaroonId.create(id.bytes(), ops, random).encode();
    String permissions = new TreeSet<>(ops).stream().map(Permission::toString).collect(Collectors.joining(","));
    String conditions = caveats.stream().map(Condition::text).collect(Collectors.joining("; "));
    Macaroon minted = store.write(tx -> {
      Instant now = clock.instant();
      Optional<StoredRootKey> stored = tx.macaroonRootKey(id.bytes());
      Macaroon m;
      if (stored.isPresent()) {
        try (SecretBytes rootKey = vault.unseal(id, stored.get().ciphertext())) {
          m = Macaroon.mint(rootKey, identifier, MacaroonId.LND_LOCATION);
        } catch (RootKeyUnsealException e) {
          throw new StoreException("macaroon root key store is damaged: " + e.getMessage(), e);
        }
      } else {
        try (SecretBytes rootKey = RootKeyVault.newRootKey(random)) {
          tx.putMacaroonRootKey(new StoredRootKey(id.bytes(), vault.seal(id, rootKey, random), now, label));
          m = Macaroon.mint(rootKey, identifier, MacaroonId.LND_LOCATION);
        }
      }
      AuditTrail.append(tx, now, AuditType.MACAROON_BAKE.wireName(), Map.of(
          "rootKeyId", id.toHex(), "permissions", permissions, "caveats", bounded(conditions), "label", label,
          "credential", credential));
      return m;
    });
    for (Condition c : caveats) {
      minted = minted.addFirstPartyCaveat(c.text());
    }
    return new BakedMacaroon(id, minted);
  }

  /**
   * Bakes for a caller authenticated by {@code baker}: baking never grants more than the baker
   * holds ({@code ops} must be a subset of {@code baker.granted()}).
   *
   * @throws IllegalArgumentException naming the first permission the baker does not hold
   */
  public BakedMacaroon bakeWithin(Verification.Granted baker, Set<Permission> ops, List<Condition> caveats, String label,
      String credential) throws StoreException {
    return bakeWithin(baker, Optional.empty(), ops, caveats, label, credential);
  }

  /** As {@link #bakeWithin(Verification.Granted, Set, List, String, String)}, under {@code under} as {@link #bake(Optional, Set, List, String, String)}. */
  public BakedMacaroon bakeWithin(Verification.Granted baker, Optional<RootKeyId> under, Set<Permission> ops, List<Condition> caveats,
      String label, String credential) throws StoreException {
    for (Permission p : new TreeSet<>(ops)) {
      if (!baker.granted().contains(p)) {
        throw new IllegalArgumentException("cannot bake " + p + ": the baking macaroon does not grant it");
      }
    }
    return bake(under, ops, caveats, label, credential);
  }

  /**
   * Checks a bake request without baking, so a caller can refuse it before unlocking anything.
   *
   * @throws IllegalArgumentException as {@link #bake} would
   */
  public static void requireBakeable(Set<Permission> ops, String label) {
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("a macaroon needs at least one permission");
    }
    for (Permission p : new TreeSet<>(ops)) {
      if (!RpcPermissions.VOCABULARY.contains(p)) {
        throw new IllegalArgumentException("unknown permission '" + p + "' (see 'custos macaroon permissions')");
      }
    }
    if (label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a macaroon label is one line of at most " + MAX_LABEL + " characters");
    }
  }

  private static String bounded(String text) {
    return text.length() <= MAX_AUDITED_CAVEATS ? text : text.substring(0, MAX_AUDITED_CAVEATS) + "...";
  }
}
