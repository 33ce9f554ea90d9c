package dev.custos.server.auth;

/** What a {@link RequestAuthenticator} decided. */
public sealed interface AuthResult {
  /**
   * @param credential who is calling, as recorded in decisions and the audit log (e.g. {@code
   *     macaroon:<root key id>}); never a secret
   */
  record Granted(String credential) implements AuthResult {
    public Granted {
      if (credential.isBlank()) {
        throw new IllegalArgumentException("a granted call needs a credential name");
      }
    }
  }

  /** @param message LND-like text for the client ("permission denied", "macaroon has expired") */
  record Denied(String message) implements AuthResult {}
}
