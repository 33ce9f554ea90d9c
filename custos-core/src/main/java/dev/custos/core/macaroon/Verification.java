package dev.custos.core.macaroon;

import java.util.Set;

/** The outcome of {@link Verifier#verify}: granted with what the macaroon allows, or denied. */
public sealed interface Verification {

  /**
   * @param id the verified identifier (its storage id is the root key id)
   * @param granted every operation the macaroon grants (a superset of what was required)
   * @param constraints what the Custos caveats demand of the request
   */
  record Granted(MacaroonId id, Set<Permission> granted, MacaroonConstraints constraints) implements Verification {
    public Granted {
      granted = Set.copyOf(granted);
    }
  }

  /** @param message LND-like text for the client; never contains a signature or key */
  record Denied(DenialReason reason, String message) implements Verification {}
}
