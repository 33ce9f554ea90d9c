package dev.custos.service.macaroon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.macaroon.CaveatChecker;
import dev.custos.core.macaroon.Condition;
import dev.custos.core.macaroon.DenialReason;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonConstraints;
import dev.custos.core.macaroon.MacaroonFormatException;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.macaroon.RequestContext;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.macaroon.Verification;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.TestWallets;
import dev.custos.store.ReadTx;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import dev.custos.store.StoreFactory;
import dev.custos.store.StoredRootKey;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bake, store, authenticate and revoke on a real (SQLite) store: baseline grants for each preset,
 * then one mutation per denial with its exact reason and LND-like message.
 */
class MacaroonAuthenticatorTest {
  private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir
  Path dir;

  private Store store;
  private ExtendedPrivateKey master;
  private RootKeyVault vault;
  private MacaroonBakery bakery;
  private MacaroonAuthenticator authenticator;

  @BeforeEach
  void open() throws Exception {
    store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"));
    master = TestWallets.master(TestWallets.ABANDON);
    vault = RootKeyVault.derive(master);
    bakery = new MacaroonBakery(store, vault, Clock.fixed(T0, ZoneOffset.UTC), new SecureRandom());
    authenticator = new MacaroonAuthenticator(store, vault, CaveatChecker.NONE);
  }

  @AfterEach
  void close() throws Exception {
    vault.close();
    master.close();
    store.close();
  }

  private static RequestContext at(Instant now) {
    return new RequestContext(now, Optional.of(InetAddress.ofLiteral("127.0.0.1")), Optional.empty());
  }

  private Verification authenticate(Macaroon m, String rpc) throws Exception {
    return authenticate(m, rpc, at(T0));
  }

  private Verification authenticate(Macaroon m, String rpc, RequestContext context) throws Exception {
    return authenticator.authenticate(m.encode(), RpcPermissions.required(rpc).orElseThrow(), context);
  }

  private BakedMacaroon bake(MacaroonPreset preset, Condition... caveats) throws StoreException {
    return bakery.bake(preset.permissions(), List.of(caveats), preset.cliName(), "test");
  }

  @Test
  void anAdminMacaroonGrantsEveryRpc() throws Exception {
    Macaroon admin = bake(MacaroonPreset.ADMIN).macaroon();
    for (String rpc : RpcPermissions.table().keySet()) {
      assertThat(authenticate(admin, rpc)).as(rpc).isInstanceOf(Verification.Granted.class);
    }
  }

  @Test
  void aReadonlyMacaroonReadsButCannotSignApplyOrBake() throws Exception {
    Macaroon readonly = bake(MacaroonPreset.READONLY).macaroon();
    for (String rpc : List.of("GetInfo", "ListDescriptors", "CheckPsbt", "ShowPolicy", "VerifyAudit", "ExportAudit", "ListMacaroonIds")) {
      assertThat(authenticate(readonly, rpc)).as(rpc).isInstanceOf(Verification.Granted.class);
    }
    for (String rpc : List.of("SignPsbt", "ApplyPolicy", "BakeMacaroon", "DeleteMacaroonId")) {
      assertThat(authenticate(readonly, rpc)).as(rpc)
          .isEqualTo(new Verification.Denied(DenialReason.PERMISSION_DENIED, "permission denied"));
    }
  }

  @Test
  void aSignerMacaroonSignsAndChecksButCannotChangeThePolicy() throws Exception {
    Macaroon signer = bake(MacaroonPreset.SIGNER).macaroon();
    assertThat(authenticate(signer, "SignPsbt")).isInstanceOf(Verification.Granted.class);
    assertThat(authenticate(signer, "CheckPsbt")).isInstanceOf(Verification.Granted.class);
    assertThat(authenticate(signer, "ApplyPolicy")).isInstanceOf(Verification.Denied.class);
    assertThat(authenticate(signer, "ExportAudit")).isInstanceOf(Verification.Denied.class);
  }

  @Test
  void aTimeoutCaveatExpiresAtItsDeadline() throws Exception {
    Macaroon m = bake(MacaroonPreset.ADMIN, new Condition.TimeBefore(T0.plusSeconds(60))).macaroon();
    assertThat(authenticate(m, "GetInfo", at(T0.plusSeconds(59)))).isInstanceOf(Verification.Granted.class);
    assertThat(authenticate(m, "GetInfo", at(T0.plusSeconds(60))))
        .isEqualTo(new Verification.Denied(DenialReason.EXPIRED, "macaroon has expired"));
  }

  @Test
  void aConstrainedCopyIsRefusedOnceExpiredWhileTheOriginalStillWorks() throws Exception {
    Macaroon original = bake(MacaroonPreset.ADMIN).macaroon();
    Macaroon constrained = original.addFirstPartyCaveat(new Condition.TimeBefore(T0.plusSeconds(30)).text())
        .addFirstPartyCaveat(new Condition.MaxAmount(50_000).text());
    Verification granted = authenticate(constrained, "SignPsbt");
    assertThat(granted).isInstanceOf(Verification.Granted.class);
    assertThat(((Verification.Granted) granted).constraints().maxAmountSat()).hasValue(50_000);
    assertThat(authenticate(constrained, "SignPsbt", at(T0.plusSeconds(31))))
        .isEqualTo(new Verification.Denied(DenialReason.EXPIRED, "macaroon has expired"));
    assertThat(authenticate(original, "SignPsbt", at(T0.plusSeconds(31)))).isInstanceOf(Verification.Granted.class);
  }

  @Test
  void aRevokedIdIsRefusedAndOnlyThatOne() throws Exception {
    BakedMacaroon a = bake(MacaroonPreset.ADMIN);
    BakedMacaroon b = bake(MacaroonPreset.ADMIN);
    assertThat(a.rootKeyId()).isNotEqualTo(b.rootKeyId());
    RootKeyRegistry registry = new RootKeyRegistry(store, Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(registry.revoke(a.rootKeyId(), "ops")).isTrue();
    assertThat(registry.revoke(a.rootKeyId(), "ops")).isFalse();
    assertThat(authenticate(a.macaroon(), "GetInfo"))
        .isEqualTo(new Verification.Denied(DenialReason.UNKNOWN_ROOT_KEY, "verification failed: root key id not found"));
    assertThat(authenticate(b.macaroon(), "GetInfo")).isInstanceOf(Verification.Granted.class);
    assertThat(registry.list()).extracting(StoredRootKey::id).containsExactly(b.rootKeyId().bytes());
  }

  /** The location ("lnd", bytes 3..5) is an unsigned hint, as in LND; every other byte counts. */
  @Test
  void everyFlippedByteOutsideTheUnsignedLocationIsRefused() throws Exception {
    byte[] good = bake(MacaroonPreset.ADMIN).macaroon().encode();
    assertThat(new String(good, 3, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("lnd");
    int refused = 0;
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      Verification v;
      try {
        v = authenticator.authenticate(bad, RpcPermissions.required("GetInfo").orElseThrow(), at(T0));
      } catch (MacaroonFormatException e) {
        refused++;
        continue;
      }
      if (i >= 3 && i <= 5) {
        assertThat(v).as("location byte " + i).isInstanceOf(Verification.Granted.class);
      } else {
        assertThat(v).as("byte " + i).isInstanceOf(Verification.Denied.class);
        refused++;
      }
    }
    assertThat(refused).isEqualTo(good.length - 3);
  }

  @Test
  void aMacaroonMintedWithAnotherRootKeyUnderAStoredIdIsASignatureMismatch() throws Exception {
    BakedMacaroon real = bake(MacaroonPreset.READONLY);
    Macaroon real0 = real.macaroon();
    MacaroonId forgedId = MacaroonId.create(real.rootKeyId().bytes(), MacaroonPreset.ADMIN.permissions(), new SecureRandom());
    Macaroon forged;
    try (SecretBytes guess = RootKeyVault.newRootKey(new SecureRandom())) {
      forged = Macaroon.mint(guess, forgedId.encode(), real0.location());
    }
    assertThat(authenticate(forged, "SignPsbt")).isEqualTo(new Verification.Denied(DenialReason.SIGNATURE_MISMATCH,
        "verification failed: signature mismatch after caveat verification"));
  }

  @Test
  void anLndDefaultRootKeyIdIsUnknownHere() throws Exception {
    MacaroonId lndId = MacaroonId.create("0".getBytes(), Set.of(Permission.parse("info:read")), new SecureRandom());
    Macaroon m;
    try (SecretBytes key = RootKeyVault.newRootKey(new SecureRandom())) {
      m = Macaroon.mint(key, lndId.encode(), "lnd");
    }
    assertThat(authenticate(m, "GetInfo")).isInstanceOf(Verification.Denied.class)
        .extracting(v -> ((Verification.Denied) v).reason()).isEqualTo(DenialReason.UNKNOWN_ROOT_KEY);
  }

  @Test
  void notAMacaroonIsAFormatError() {
    assertThatThrownBy(() -> authenticator.authenticate(new byte[] {2, 1}, Set.of(Permission.parse("info:read")), at(T0)))
        .isInstanceOf(MacaroonFormatException.class);
  }

  @Test
  void aTamperedStoredRootKeyFailsClosedAsAStoreError() throws Exception {
    BakedMacaroon baked = bake(MacaroonPreset.ADMIN);
    StoredRootKey stored = store.read(tx -> tx.macaroonRootKey(baked.rootKeyId().bytes())).orElseThrow();
    byte[] altered = stored.ciphertext();
    altered[20] ^= 1;
    store.write(tx -> tx.deleteMacaroonRootKey(stored.id()));
    store.write(tx -> {
      tx.putMacaroonRootKey(new StoredRootKey(stored.id(), altered, stored.createdAt(), stored.label()));
      return null;
    });
    assertThatThrownBy(() -> authenticate(baked.macaroon(), "GetInfo"))
        .isInstanceOf(StoreException.class)
        .hasMessage("macaroon root key store is damaged: sealed root key " + baked.rootKeyId()
            + " does not authenticate: sealed under another id or seed, or altered");
  }

  @Test
  void bakingStoresOnlyTheSealedKeyAndAuditsTheBake() throws Exception {
    BakedMacaroon baked = bakery.bake(MacaroonPreset.SIGNER.permissions(), List.of(new Condition.MaxAmount(1000)), "bot", "alice");
    StoredRootKey stored = store.read(tx -> tx.macaroonRootKey(baked.rootKeyId().bytes())).orElseThrow();
    assertThat(stored.label()).isEqualTo("bot");
    assertThat(stored.createdAt()).isEqualTo(T0);
    Macaroon m = baked.macaroon();
    assertThat(m.location()).isEqualTo("lnd");
    assertThat(m.identifier()[0]).isEqualTo((byte) 3);
    MacaroonId id = MacaroonId.decode(m.identifier());
    assertThat(id.storageId()).isEqualTo(baked.rootKeyId().bytes());
    assertThat(id.ops()).containsExactlyElementsOf(MacaroonPreset.SIGNER.permissions());
    try (SecretBytes rootKey = vault.unseal(baked.rootKeyId(), stored.ciphertext())) {
      assertThat(Macaroon.mint(rootKey, m.identifier(), "lnd").addFirstPartyCaveat("custos-max-amount 1000")).isEqualTo(m);
    }
    AuditRecord head = store.read(ReadTx::auditHead).orElseThrow();
    assertThat(head.type()).isEqualTo("macaroon.bake");
    assertThat(head.fields()).isEqualTo(Map.of("rootKeyId", baked.rootKeyId().toHex(),
        "permissions", "info:read,onchain:read,signer:generate,signer:read", "caveats", "custos-max-amount 1000",
        "label", "bot", "credential", "alice"));
    new RootKeyRegistry(store, Clock.fixed(T0, ZoneOffset.UTC)).revoke(baked.rootKeyId(), "bob");
    assertThat(store.read(ReadTx::auditHead).orElseThrow().fields())
        .isEqualTo(Map.of("rootKeyId", baked.rootKeyId().toHex(), "credential", "bob"));
  }

  @Test
  void bakingRefusesUnknownOrNoPermissionsAndNeverMoreThanTheBakerHolds() throws Exception {
    assertThatThrownBy(() -> bakery.bake(Set.of(Permission.parse("invoices:read")), List.of(), "", "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown permission 'invoices:read' (see 'custos macaroon permissions')");
    assertThatThrownBy(() -> bakery.bake(Set.of(), List.of(), "", "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("a macaroon needs at least one permission");
    assertThatThrownBy(() -> bakery.bake(Set.of(Permission.parse("info:read")), List.of(), "two\nlines", "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one line");
    Verification.Granted baker = (Verification.Granted) authenticate(bake(MacaroonPreset.SIGNER).macaroon(), "GetInfo");
    assertThatThrownBy(() -> bakery.bakeWithin(baker, MacaroonPreset.ADMIN.permissions(), List.of(), "", "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot bake address:read: the baking macaroon does not grant it");
    BakedMacaroon weaker = bakery.bakeWithin(baker, Set.of(Permission.parse("info:read")), List.of(), "", "t");
    assertThat(authenticate(weaker.macaroon(), "GetInfo")).isInstanceOf(Verification.Granted.class);
    assertThat(store.read(ReadTx::macaroonRootKeys)).hasSize(2);
    assertThat(((Verification.Granted) authenticate(weaker.macaroon(), "GetInfo")).constraints()).isEqualTo(MacaroonConstraints.NONE);
  }
}
