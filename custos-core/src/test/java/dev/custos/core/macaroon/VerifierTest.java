package dev.custos.core.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.KeyPath;
import dev.custos.core.secret.SecretBytes;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Baseline grants, then one mutation per denial, each asserting the exact reason and message. */
class VerifierTest {
  static final byte[] ROOT_KEY = bytes(0x11);
  static final byte[] OTHER_KEY = bytes(0x22);
  static final byte[] ROOT_KEY_ID = "7".getBytes(StandardCharsets.US_ASCII);
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Set<Permission> READ_INFO = Set.of(Permission.parse("info:read"));
  static final RequestContext CONTEXT =
      new RequestContext(NOW, Optional.of(IpLiterals.parse("10.0.0.5")), Optional.of("/custos.v1.Custos/GetInfo"));

  private final Verifier verifier = new Verifier(CaveatChecker.NONE);

  static byte[] bytes(int value) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) value);
    return b;
  }

  static Function<byte[], Optional<SecretBytes>> store(Map<String, byte[]> keys) {
    return id -> Optional.ofNullable(keys.get(new String(id, StandardCharsets.US_ASCII))).map(SecretBytes::copyOf);
  }

  static final Function<byte[], Optional<SecretBytes>> STORE = store(Map.of("7", ROOT_KEY));

  static Macaroon bake(byte[] rootKey, byte[] rootKeyId, String... ops) {
    MacaroonId id = MacaroonId.create(rootKeyId, Arrays.stream(ops).map(Permission::parse).toList(), new FixedRandom(0x42));
    try (SecretBytes key = SecretBytes.copyOf(rootKey)) {
      return Macaroon.mint(key, id.encode(), MacaroonId.LND_LOCATION);
    }
  }

  static Macaroon admin() {
    return bake(ROOT_KEY, ROOT_KEY_ID, "info:read", "onchain:read", "onchain:write");
  }

  Verification verify(Macaroon m) {
    return verifier.verify(m, List.of(), STORE, READ_INFO, CONTEXT);
  }

  static void assertDenied(Verification v, DenialReason reason, String message) {
    assertThat(v).isEqualTo(new Verification.Denied(reason, message));
  }

  @Test
  void baselineGrantsTheIdentifiersOperations() {
    Verification v = verify(admin());
    assertThat(v).isInstanceOf(Verification.Granted.class);
    Verification.Granted g = (Verification.Granted) v;
    assertThat(g.granted()).extracting(Permission::toString)
        .containsExactlyInAnyOrder("info:read", "onchain:read", "onchain:write");
    assertThat(g.constraints()).isEqualTo(MacaroonConstraints.NONE);
    assertThat(g.id().storageId()).isEqualTo(ROOT_KEY_ID);
  }

  @Test
  void everyFlippedBitIsRefused() {
    byte[] good = admin().encode();
    for (int i = 0; i < good.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        Verification v;
        try {
          v = verify(Macaroon.decode(bad));
        } catch (MacaroonFormatException e) {
          continue;
        }
        if (v instanceof Verification.Granted) {
          // Only the location is unsigned: a flip there changes the hint, never the grant.
          assertThat(i).as("byte %d bit %d", i, bit).isBetween(2, 2 + MacaroonId.LND_LOCATION.length());
        }
      }
    }
  }

  @Test
  void aFlippedSignatureOrIdentifierByteIsASignatureMismatch() throws Exception {
    byte[] good = admin().encode();
    byte[] badSig = good.clone();
    badSig[badSig.length - 1] ^= 1;
    assertDenied(verify(Macaroon.decode(badSig)), DenialReason.SIGNATURE_MISMATCH,
        "verification failed: signature mismatch after caveat verification");
    byte[] badNonce = good.clone();
    badNonce[12] ^= 1; // a nonce byte: 02 01 03 "lnd" 02 len | 03 0a 10 nonce...
    assertDenied(verify(Macaroon.decode(badNonce)), DenialReason.SIGNATURE_MISMATCH,
        "verification failed: signature mismatch after caveat verification");
  }

  @Test
  void wrongRootKey() {
    assertDenied(verify(bake(OTHER_KEY, ROOT_KEY_ID, "info:read")), DenialReason.SIGNATURE_MISMATCH,
        "verification failed: signature mismatch after caveat verification");
  }

  @Test
  void unknownOrDeletedRootKeyId() {
    assertDenied(verify(bake(ROOT_KEY, "8".getBytes(StandardCharsets.US_ASCII), "info:read")),
        DenialReason.UNKNOWN_ROOT_KEY, "verification failed: root key id not found");
    assertDenied(verifier.verify(admin(), List.of(), store(Map.of()), READ_INFO, CONTEXT),
        DenialReason.UNKNOWN_ROOT_KEY, "verification failed: root key id not found");
  }

  @Test
  void identifierThatIsNotAnLndId() {
    Macaroon m;
    try (SecretBytes key = SecretBytes.copyOf(ROOT_KEY)) {
      m = Macaroon.mint(key, "keyid".getBytes(StandardCharsets.US_ASCII), "lnd");
    }
    assertDenied(verify(m), DenialReason.INVALID_IDENTIFIER,
        "verification failed: macaroon: identifier version 0x6b, expected 0x03");
  }

  @Test
  void expiry() {
    assertThat(verify(admin().addFirstPartyCaveat(new Condition.TimeBefore(NOW.plusNanos(1)).text())))
        .isInstanceOf(Verification.Granted.class);
    assertDenied(verify(admin().addFirstPartyCaveat(new Condition.TimeBefore(NOW).text())),
        DenialReason.EXPIRED, "macaroon has expired");
  }

  @Test
  void ipAddress() {
    assertThat(verify(admin().addFirstPartyCaveat("ipaddr 10.0.0.5"))).isInstanceOf(Verification.Granted.class);
    assertDenied(verify(admin().addFirstPartyCaveat("ipaddr 10.0.0.6")),
        DenialReason.IP_MISMATCH, "macaroon locked to different IP address");
    assertDenied(verifier.verify(admin().addFirstPartyCaveat("ipaddr 10.0.0.5"), List.of(), STORE, READ_INFO,
            new RequestContext(NOW, Optional.empty(), Optional.empty())),
        DenialReason.IP_MISMATCH, "macaroon locked to different IP address");
  }

  @Test
  void ipRange() {
    assertThat(verify(admin().addFirstPartyCaveat("iprange 10.0.0.0/24"))).isInstanceOf(Verification.Granted.class);
    assertDenied(verify(admin().addFirstPartyCaveat("iprange 10.0.1.0/24")),
        DenialReason.IP_MISMATCH, "macaroon locked to different IP range");
    assertDenied(verify(admin().addFirstPartyCaveat("iprange fd00::/8")),
        DenialReason.IP_MISMATCH, "macaroon locked to different IP range");
  }

  @Test
  void unknownCaveat() {
    assertDenied(verify(admin().addFirstPartyCaveat("allow everything")), DenialReason.CAVEAT_UNKNOWN,
        "caveat not satisfied: caveat \"allow everything\" not recognized");
    assertDenied(verify(admin().addFirstPartyCaveat("lnd-custom approver 2-of-3")), DenialReason.CAVEAT_UNKNOWN,
        "caveat not satisfied: caveat \"lnd-custom approver 2-of-3\" not recognized");
  }

  @Test
  void malformedKnownCaveat() {
    assertDenied(verify(admin().addFirstPartyCaveat("time-before tomorrow")), DenialReason.CAVEAT_NOT_SATISFIED,
        "caveat not satisfied: time-before: 'tomorrow' is not an RFC 3339 timestamp");
    assertDenied(verify(admin().addFirstPartyCaveat("ipaddr localhost")), DenialReason.CAVEAT_NOT_SATISFIED,
        "caveat not satisfied: ipaddr: 'localhost' is not an IP address");
  }

  @Test
  void extensionCheckerDecidesCustomCaveats() {
    Verifier custom = new Verifier((condition, ctx) -> switch (condition) {
      case "lnd-custom approver 2-of-3" -> CaveatCheck.SATISFIED;
      case "lnd-custom approver none" -> new CaveatCheck.Unsatisfied("no approver");
      default -> CaveatCheck.UNKNOWN;
    });
    assertThat(custom.verify(admin().addFirstPartyCaveat("lnd-custom approver 2-of-3"), List.of(), STORE, READ_INFO,
        CONTEXT)).isInstanceOf(Verification.Granted.class);
    assertDenied(custom.verify(admin().addFirstPartyCaveat("lnd-custom approver none"), List.of(), STORE, READ_INFO,
        CONTEXT), DenialReason.CAVEAT_NOT_SATISFIED, "caveat not satisfied: no approver");
  }

  @Test
  void missingPermission() {
    assertDenied(verifier.verify(admin(), List.of(), STORE, Set.of(Permission.parse("signer:generate")), CONTEXT),
        DenialReason.PERMISSION_DENIED, "permission denied");
    assertDenied(verifier.verify(admin(), List.of(), STORE,
            Set.of(Permission.parse("info:read"), Permission.parse("policy:write")), CONTEXT),
        DenialReason.PERMISSION_DENIED, "permission denied");
  }

  @Test
  void emptyOperationsOrEmptyRequirementNeverAuthorize() {
    assertDenied(verify(bake(ROOT_KEY, ROOT_KEY_ID)), DenialReason.PERMISSION_DENIED, "permission denied");
    assertDenied(verifier.verify(admin(), List.of(), STORE, Set.of(), CONTEXT),
        DenialReason.PERMISSION_DENIED, "permission denied");
  }

  @Test
  void uriPermissionGrantsThatMethodOnly() {
    Macaroon m = bake(ROOT_KEY, ROOT_KEY_ID, "uri:/custos.v1.Custos/GetInfo");
    Set<Permission> other = Set.of(Permission.parse("policy:read"));
    assertThat(verifier.verify(m, List.of(), STORE, other, CONTEXT)).isInstanceOf(Verification.Granted.class);
    assertDenied(verifier.verify(m, List.of(), STORE, other,
            new RequestContext(NOW, Optional.empty(), Optional.of("/custos.v1.Custos/SignPsbt"))),
        DenialReason.PERMISSION_DENIED, "permission denied");
  }

  @Test
  void custosCaveatsBecomeConstraints() {
    Macaroon m = admin()
        .addFirstPartyCaveat("custos-max-amount 50000")
        .addFirstPartyCaveat("custos-destinations bc1qexample book:exchanges")
        .addFirstPartyCaveat("custos-max-amount 20000")
        .addFirstPartyCaveat("custos-destinations book:exchanges")
        .addFirstPartyCaveat("custos-account m/84'/0'/0'")
        .addFirstPartyCaveat("custos-account m/84'/0'/0'");
    Verification.Granted g = (Verification.Granted) verify(m);
    assertThat(g.constraints().maxAmountSat()).hasValue(20000);
    assertThat(g.constraints().destinationSets())
        .containsExactly(Set.of("bc1qexample", "book:exchanges"), Set.of("book:exchanges"));
    assertThat(g.constraints().account()).contains(KeyPath.parse("m/84'/0'/0'"));
  }

  @Test
  void conflictingAccountsDeny() {
    assertDenied(verify(admin().addFirstPartyCaveat("custos-account m/84'/0'/0'")
            .addFirstPartyCaveat("custos-account m/84'/0'/1'")),
        DenialReason.CAVEAT_NOT_SATISFIED,
        "caveat not satisfied: custos-account m/84'/0'/1' conflicts with custos-account m/84'/0'/0'");
  }

  @Test
  void thirdPartyCaveatWithBoundDischarge() {
    byte[] caveatKey = bytes(0x33);
    byte[] caveatId = "approver-ticket-1".getBytes(StandardCharsets.US_ASCII);
    Macaroon m;
    Macaroon discharge;
    try (SecretBytes k = SecretBytes.copyOf(caveatKey)) {
      m = admin().addThirdPartyCaveat(k, caveatId, "https://approver.example", new FixedRandom(7));
      discharge = Macaroon.mint(k, caveatId, "https://approver.example")
          .addFirstPartyCaveat(new Condition.TimeBefore(NOW.plusSeconds(60)).text());
    }
    Macaroon bound = discharge.bindForRequest(m);
    assertThat(verifier.verify(m, List.of(bound), STORE, READ_INFO, CONTEXT)).isInstanceOf(Verification.Granted.class);

    assertDenied(verifier.verify(m, List.of(), STORE, READ_INFO, CONTEXT), DenialReason.SIGNATURE_MISMATCH,
        "verification failed: cannot find discharge macaroon for a third-party caveat");
    assertDenied(verifier.verify(m, List.of(discharge), STORE, READ_INFO, CONTEXT), DenialReason.SIGNATURE_MISMATCH,
        "verification failed: signature mismatch after caveat verification");
    Macaroon boundToAnother = discharge.bindForRequest(admin().addThirdPartyCaveat(
        SecretBytes.copyOf(caveatKey), caveatId, "https://approver.example", new FixedRandom(8)));
    assertDenied(verifier.verify(m, List.of(boundToAnother), STORE, READ_INFO, CONTEXT),
        DenialReason.SIGNATURE_MISMATCH, "verification failed: signature mismatch after caveat verification");
    assertDenied(verifier.verify(m, List.of(bound, bound), STORE, READ_INFO, CONTEXT), DenialReason.SIGNATURE_MISMATCH,
        "verification failed: discharge macaroon 1 was not used");
    assertDenied(verifier.verify(m, List.of(bound), STORE, READ_INFO,
            new RequestContext(NOW.plusSeconds(60), CONTEXT.remoteAddress(), CONTEXT.fullMethod())),
        DenialReason.EXPIRED, "macaroon has expired");
  }

  @Test
  void custosCaveatsOfADischargeAccumulateWithTheRoots() {
    byte[] caveatId = "approver-ticket-2".getBytes(StandardCharsets.US_ASCII);
    Macaroon m;
    Macaroon discharge;
    try (SecretBytes k = SecretBytes.copyOf(bytes(0x33))) {
      m = admin().addFirstPartyCaveat("custos-max-amount 50000").addFirstPartyCaveat("custos-destinations book:a")
          .addThirdPartyCaveat(k, caveatId, "https://approver.example", new FixedRandom(9));
      discharge = Macaroon.mint(k, caveatId, "https://approver.example")
          .addFirstPartyCaveat("custos-max-amount 20000").addFirstPartyCaveat("custos-destinations book:b");
    }
    Verification.Granted g = (Verification.Granted) verifier.verify(m, List.of(discharge.bindForRequest(m)), STORE, READ_INFO, CONTEXT);
    assertThat(g.constraints().maxAmountSat()).hasValue(20000);
    assertThat(g.constraints().destinationSets()).containsExactly(Set.of("book:a"), Set.of("book:b"));

    Macaroon conflicting;
    try (SecretBytes k = SecretBytes.copyOf(bytes(0x33))) {
      conflicting = Macaroon.mint(k, caveatId, "https://approver.example").addFirstPartyCaveat("custos-account m/84'/0'/1'");
    }
    Macaroon withAccount = admin().addFirstPartyCaveat("custos-account m/84'/0'/0'")
        .addThirdPartyCaveat(SecretBytes.copyOf(bytes(0x33)), caveatId, "https://approver.example", new FixedRandom(9));
    assertDenied(verifier.verify(withAccount, List.of(conflicting.bindForRequest(withAccount)), STORE, READ_INFO, CONTEXT),
        DenialReason.CAVEAT_NOT_SATISFIED, "caveat not satisfied: custos-account m/84'/0'/1' conflicts with custos-account m/84'/0'/0'");
  }

  @Test
  void wrongCaveatKeyCannotDischarge() {
    byte[] caveatId = "ticket".getBytes(StandardCharsets.US_ASCII);
    Macaroon m = admin().addThirdPartyCaveat(SecretBytes.copyOf(bytes(0x33)), caveatId, "a", new FixedRandom(1));
    Macaroon forged = Macaroon.mint(SecretBytes.copyOf(bytes(0x34)), caveatId, "a").bindForRequest(m);
    assertDenied(verifier.verify(m, List.of(forged), STORE, READ_INFO, CONTEXT), DenialReason.SIGNATURE_MISMATCH,
        "verification failed: signature mismatch after caveat verification");
  }

  @Test
  void noCaveatIsEvaluatedBeforeTheWholeChainVerifies() {
    List<String> seen = new ArrayList<>();
    Verifier recording = new Verifier((condition, ctx) -> {
      seen.add(condition);
      return CaveatCheck.SATISFIED;
    });
    byte[] caveatId = "ticket".getBytes(StandardCharsets.US_ASCII);
    Macaroon m = admin().addFirstPartyCaveat("lnd-custom first x")
        .addThirdPartyCaveat(SecretBytes.copyOf(bytes(0x33)), caveatId, "a", new FixedRandom(1));
    Macaroon unbound = Macaroon.mint(SecretBytes.copyOf(bytes(0x33)), caveatId, "a").addFirstPartyCaveat("lnd-custom second y");
    assertThat(recording.verify(m, List.of(unbound), STORE, READ_INFO, CONTEXT))
        .isInstanceOf(Verification.Denied.class);
    assertThat(seen).isEmpty();
    assertThat(recording.verify(m, List.of(unbound.bindForRequest(m)), STORE, READ_INFO, CONTEXT))
        .isInstanceOf(Verification.Granted.class);
    assertThat(seen).containsExactly("lnd-custom first x", "lnd-custom second y");
  }

  @Test
  void ipv6PeerAndMappedIpv4() {
    InetAddress v6 = IpLiterals.parse("2001:db8::7");
    RequestContext ctx = new RequestContext(NOW, Optional.of(v6), Optional.empty());
    assertThat(verifier.verify(admin().addFirstPartyCaveat("ipaddr 2001:db8::7"), List.of(), STORE, READ_INFO, ctx))
        .isInstanceOf(Verification.Granted.class);
    assertThat(verifier.verify(admin().addFirstPartyCaveat("iprange 2001:db8::/32"), List.of(), STORE, READ_INFO, ctx))
        .isInstanceOf(Verification.Granted.class);
    assertThat(verify(admin().addFirstPartyCaveat("ipaddr ::ffff:10.0.0.5"))).isInstanceOf(Verification.Granted.class);
  }
}
