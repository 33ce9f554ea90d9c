package dev.custos.service.cosigner;

import dev.custos.core.frost.IdentityPublicKey;
import dev.custos.core.keys.Network;
import java.util.Objects;

/**
 * The public face of a cosigner data directory, written by {@code custos cosigner init}
 * ({@code cosigner.card}): its network, x-only identity key and TLS certificate fingerprint.
 * A DKG plan is assembled from the members' cards; each operator checks their own card's values
 * in the plan before the ceremony.
 */
public record CosignerCard(Network network, IdentityPublicKey identityKey, String tlsSha256) {
  public CosignerCard {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(identityKey, "identityKey");
    if (tlsSha256 == null || !tlsSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("tlsSha256 must be 64 lowercase hex digits");
    }
  }
}
