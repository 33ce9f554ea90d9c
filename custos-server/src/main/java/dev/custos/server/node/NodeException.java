package dev.custos.server.node;

/** The node cannot be opened: keystore, configuration, store or TLS; the message says which and why. */
public final class NodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public NodeException(String message) {
    super(message);
  }
}
