package dev.custos.server.auth;

import dev.custos.core.macaroon.CaveatChecker;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.MacaroonFormatException;
import dev.custos.core.macaroon.Permission;
import dev.custos.core.macaroon.RequestContext;
import dev.custos.core.macaroon.Verification;
import dev.custos.core.macaroon.Verifier;
import dev.custos.core.secret.SecretBytes;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies LND-compatible macaroons with the core {@link Verifier} (docs/macaroons.md): v2 binary
 * format (the macaroon and each discharge), root key by root key id, the whole signature chain
 * with every discharge bound to the macaroon before any caveat, {@code time-before}/{@code
 * ipaddr}/{@code iprange} against the clock and the peer (in the discharges too), the required
 * permissions (or {@code uri:/<package.Service>/<Method>}, the HTTP/2 path form LND's gRPC-Go
 * server sees, e.g. {@code uri:/custos.v1.Custos/GetInfo}).
 *
 * <p>The Custos caveats ({@code custos-max-amount}, {@code custos-destinations}, {@code
 * custos-account}) of the macaroon and its discharges are returned with the grant ({@link
 * AuthResult.Granted#constraints()}); the PSBT calls enforce them through the policy decision.
 */
public final class MacaroonAuthenticator implements RequestAuthenticator {
  private final Function<byte[], Optional<SecretBytes>> rootKeys;
  private final Verifier verifier;
  private final Clock clock;

  /**
   * @param rootKeys the root key stored under a root key id, as a fresh copy the verifier closes;
   *     empty when the id is unknown or deleted (revoked)
   * @param extension checks {@code lnd-custom} and other conditions; {@link CaveatChecker#NONE}
   *     denies them all
   */
  public MacaroonAuthenticator(Function<byte[], Optional<SecretBytes>> rootKeys, CaveatChecker extension, Clock clock) {
    this.rootKeys = rootKeys;
    this.verifier = new Verifier(extension);
    this.clock = clock;
  }

  @Override
  public AuthResult authenticate(byte[] macaroon, List<byte[]> discharges, String fullMethodName, Set<Permission> required,
      Optional<InetAddress> remote) {
    Macaroon m;
    try {
      m = Macaroon.decode(macaroon);
    } catch (MacaroonFormatException e) {
      return new AuthResult.Denied("cannot decode macaroon: " + e.getMessage());
    }
    List<Macaroon> decoded = new ArrayList<>();
    for (int i = 0; i < discharges.size(); i++) {
      try {
        decoded.add(Macaroon.decode(discharges.get(i)));
      } catch (MacaroonFormatException e) {
        return new AuthResult.Denied("cannot decode discharge macaroon " + i + ": " + e.getMessage());
      }
    }
    Verification v = verifier.verify(m, decoded, rootKeys, required,
        new RequestContext(clock.instant(), remote, Optional.of("/" + fullMethodName)));
    return switch (v) {
      case Verification.Granted g -> new AuthResult.Granted("macaroon:" + HexFormat.of().formatHex(g.id().storageId()), g.constraints());
      case Verification.Denied d -> new AuthResult.Denied(d.message());
    };
  }
}
