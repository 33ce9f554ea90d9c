package dev.custos.server.auth;

import dev.custos.core.macaroon.Permission;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a macaroon authorizes one call. The server has already checked the transport
 * part (exactly one hex {@code macaroon} value, at most {@link MacaroonInterceptor#MAX_DISCHARGES}
 * hex {@code discharge-macaroon} values) and looked the method up in the {@link PermissionTable};
 * an implementation verifies the macaroon itself: signature chain with the discharges, caveats
 * (time, peer address, ...), and that it grants every {@code required} permission.
 *
 * <p>Implementations must be thread-safe, must not block for long (they run before every call),
 * and must never put the macaroon, a root key or a signature into a denial message.
 */
@FunctionalInterface
public interface RequestAuthenticator {
  /**
   * @param macaroon the decoded macaroon bytes (binary v2 as LND writes {@code admin.macaroon})
   * @param discharges the decoded discharge macaroons (binary v2), in the order sent; often none
   * @param fullMethodName {@code package.Service/Method}
   * @param required never empty
   * @param remote the peer's address, when the transport has one
   */
  AuthResult authenticate(byte[] macaroon, List<byte[]> discharges, String fullMethodName, Set<Permission> required,
      Optional<InetAddress> remote);
}
