package dev.custos.server;

import dev.custos.server.auth.AuthResult;
import dev.custos.server.auth.RequestAuthenticator;
import dev.custos.core.macaroon.Permission;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stands in for macaroon verification in transport tests: the "macaroon" {@code admin} grants
 * everything, {@code readonly} only {@code *:read}; anything else is denied. Exercises what the
 * interceptor does around the verifier (metadata, hex, table, status), not macaroons themselves.
 */
final class TestAuthenticator implements RequestAuthenticator {
  static final byte[] ADMIN = "admin".getBytes(StandardCharsets.US_ASCII);
  static final byte[] READONLY = "readonly".getBytes(StandardCharsets.US_ASCII);

  @Override
  public AuthResult authenticate(byte[] macaroon, List<byte[]> discharges, String fullMethodName, Set<Permission> required,
      Optional<InetAddress> remote) {
    if (Arrays.equals(macaroon, ADMIN)) {
      return new AuthResult.Granted("test:admin");
    }
    if (Arrays.equals(macaroon, READONLY)) {
      return required.stream().allMatch(p -> p.action().equals("read")) ? new AuthResult.Granted("test:readonly")
          : new AuthResult.Denied("permission denied");
    }
    return new AuthResult.Denied("verification failed: signature mismatch after caveat verification");
  }
}
