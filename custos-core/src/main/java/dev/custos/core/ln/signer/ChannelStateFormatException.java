package dev.custos.core.ln.signer;

/** Stored channel-state bytes are not one valid encoding; the message says where and why. */
public final class ChannelStateFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public ChannelStateFormatException(String message) {
    super(message);
  }
}
