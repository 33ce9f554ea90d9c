package dev.custos.server.cosigner;

import dev.custos.core.frost.Identifier;
import java.util.Objects;

/**
 * A cosigner as its group config names it: FROST identifier, address, and the SHA-256 fingerprint
 * of its TLS certificate (pinned when the group was formed; the coordinator trusts nothing else).
 */
public record CosignerEndpoint(Identifier identifier, String host, int port, String certificateSha256) {
  public CosignerEndpoint {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cosigner " + identifier + ": port must be 1..65535, got " + port);
    }
    if (certificateSha256 == null || !certificateSha256.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("cosigner " + identifier + ": certificate fingerprint must be 64 hex digits");
    }
  }
}
