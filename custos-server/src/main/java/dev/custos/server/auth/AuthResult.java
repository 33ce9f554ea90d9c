package dev.custos.server.auth;

import dev.custos.core.macaroon.MacaroonConstraints;

/** What a {@link RequestAuthenticator} decided. */
public sealed interface AuthResult {
  /**
   * @param credential who is calling, as recorded in decisions and the audit log (e.g. {@code
   *     macaroon:<root key id>}); never a secret
   * @param constraints what the macaroon's custos-* caveats (root and discharges) demand of the
   *     PSBTs this call checks or signs; {@link MacaroonConstraints#NONE} when it has none
   */
  record Granted(String credential, MacaroonConstraints constraints) implements AuthResult {
    public Granted {
      if (credential.isBlank()) {
        throw new IllegalArgumentException("a granted call needs a credential name");
      }
      if (constraints == null) {
        throw new IllegalArgumentException("a granted call needs its constraints (MacaroonConstraints.NONE for none)");
      }
    }

    /** Granted without custos-* caveats. */
    public Granted(String credential) {
      this(credential, MacaroonConstraints.NONE);
    }
  }

  /** @param message LND-like text for the client ("permission denied", "macaroon has expired") */
  record Denied(String message) implements AuthResult {}
}
