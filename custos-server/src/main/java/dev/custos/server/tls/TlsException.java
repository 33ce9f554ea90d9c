package dev.custos.server.tls;

/** The TLS identity cannot be generated or loaded; the message names the file and the problem. */
public final class TlsException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlsException(String message) {
    super(message);
  }
}
