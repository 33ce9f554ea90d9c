package dev.custos.ldk.adapter;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.signer.LightningKeyPaths;
import fr.acinq.bitcoin.PublicKey;

/**
 * The node-level Lightning keys of a Custos seed ({@link LightningKeyPaths}): the node key, the
 * destination key that receives swept and closed funds (P2WPKH), and LDK's inbound payment key
 * material. Secrets are zeroized by {@link #close()}.
 */
public final class NodeKeys implements AutoCloseable {
  private final SecretBytes nodeSecret;
  private final PublicKey nodeId;
  private final PublicKey destination;
  private final SecretBytes inboundPaymentKey;

  private NodeKeys(SecretBytes nodeSecret, PublicKey destination, SecretBytes inboundPaymentKey) {
    this.nodeSecret = nodeSecret;
    this.nodeId = KeyDerivation.publicKeyOf(nodeSecret);
    this.destination = destination;
    this.inboundPaymentKey = inboundPaymentKey;
  }

  /** Derives the node keys; the caller keeps ownership of {@code master} and closes the result. */
  public static NodeKeys derive(ExtendedPrivateKey master) {
    if (master.depth() != 0) {
      throw new IllegalArgumentException("node keys derive from the master key, not from " + master.path());
    }
    try (ExtendedPrivateKey destination = master.derive(LightningKeyPaths.DESTINATION)) {
      return new NodeKeys(secret(master, LightningKeyPaths.NODE), destination.publicKey(),
          secret(master, LightningKeyPaths.INBOUND_PAYMENT));
    }
  }

  public PublicKey nodeId() {
    return nodeId;
  }

  public PublicKey destination() {
    return destination;
  }

  SecretBytes nodeSecret() {
    return nodeSecret;
  }

  SecretBytes inboundPaymentKey() {
    return inboundPaymentKey;
  }

  @Override
  public void close() {
    nodeSecret.close();
    inboundPaymentKey.close();
  }

  @Override
  public String toString() {
    return "NodeKeys[" + nodeId + ", <secret>]";
  }

  private static SecretBytes secret(ExtendedPrivateKey master, KeyPath path) {
    try (ExtendedPrivateKey k = master.derive(path)) {
      return SecretBytes.takeOwnership(k.withPrivateKey(byte[]::clone));
    }
  }
}
