package dev.custos.service.cosigner;

import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.IdentityPublicKey;
import java.util.Objects;

/**
 * One cosigner as a DKG plan and a group file pin it: its FROST identifier (1..n), its x-only
 * identity key (signs the DKG certificate, receives encrypted shares), the SHA-256 fingerprint of
 * its TLS certificate (the only certificate a peer accepts for it), and its address.
 */
public record GroupMember(int index, IdentityPublicKey identityKey, String tlsSha256, String host, int port) {
  public GroupMember {
    Objects.requireNonNull(identityKey, "identityKey");
    Objects.requireNonNull(host, "host");
    if (index < 1 || index > 1000) {
      throw new IllegalArgumentException("member identifier must be 1..1000, got " + index);
    }
    if (tlsSha256 == null || !tlsSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("member " + index + ": tlsSha256 must be 64 lowercase hex digits");
    }
    if (host.isEmpty() || host.length() > 253 || port < 1 || port > 65535) {
      throw new IllegalArgumentException("member " + index + ": address must be a host (1..253 characters) and a port in 1..65535");
    }
  }

  public Identifier identifier() {
    return Identifier.of(index);
  }
}
