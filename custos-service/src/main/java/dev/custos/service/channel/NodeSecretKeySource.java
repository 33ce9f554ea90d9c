package dev.custos.service.channel;

import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelKeys;
import dev.custos.core.secret.SecretBytes;

/**
 * Channel keys derived from one node secret ({@link ChannelKeys#derive}). Holds the secret until
 * {@link #close()}, which zeroizes it.
 */
public final class NodeSecretKeySource implements ChannelKeySource, AutoCloseable {
  private final SecretBytes nodeSecret;

  /** Takes ownership of {@code nodeSecret} (at least 32 bytes). */
  public NodeSecretKeySource(SecretBytes nodeSecret) {
    if (nodeSecret.length() < 32) {
      throw new IllegalArgumentException("node secret must be at least 32 bytes, got " + nodeSecret.length());
    }
    this.nodeSecret = nodeSecret;
  }

  @Override
  public ChannelKeys keys(ChannelId id) {
    return ChannelKeys.derive(nodeSecret, id);
  }

  @Override
  public void close() {
    nodeSecret.close();
  }

  @Override
  public String toString() {
    return "NodeSecretKeySource<secret>";
  }
}
