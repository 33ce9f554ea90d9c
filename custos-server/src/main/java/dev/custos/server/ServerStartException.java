package dev.custos.server;

/**
 * The server did not start: data directory, keystore, passphrase, configuration, store, TLS files
 * or the listen address. The message says which and why; nothing is left running.
 */
public final class ServerStartException extends Exception {
  private static final long serialVersionUID = 1L;

  public ServerStartException(String message) {
    super(message);
  }
}
