package dev.custos.server;

import dev.custos.core.macaroon.CaveatChecker;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonId;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.secret.SecretBytes;
import dev.custos.server.auth.AccessRule;
import dev.custos.server.auth.MacaroonAuthenticator;
import dev.custos.server.auth.PermissionTable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One root key under root key id {@code "0"}, an authenticator that knows it, and macaroons minted under it. */
final class TestMacaroons {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] ROOT_KEY_ID = "0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] rootKey = new byte[32];

  TestMacaroons() {
    RANDOM.nextBytes(rootKey);
  }

  MacaroonAuthenticator authenticator() {
    return new MacaroonAuthenticator(id -> "0".equals(new String(id, StandardCharsets.ISO_8859_1))
        ? Optional.of(SecretBytes.copyOf(rootKey)) : Optional.empty(), CaveatChecker.NONE, Clock.systemUTC());
  }

  /** Every permission of the table, with these first-party caveats. */
  Macaroon admin(String... caveats) {
    Set<Permission> all = PermissionTable.DEFAULT.entries().values().stream().filter(r -> r instanceof AccessRule.Requires)
        .flatMap(r -> ((AccessRule.Requires) r).permissions().stream()).collect(Collectors.toSet());
    Macaroon m;
    try (SecretBytes root = SecretBytes.copyOf(rootKey)) {
      m = Macaroon.mint(root, MacaroonId.create(ROOT_KEY_ID, all, RANDOM).encode(), MacaroonId.LND_LOCATION);
    }
    for (String c : caveats) {
      m = m.addFirstPartyCaveat(c);
    }
    return m;
  }
}
