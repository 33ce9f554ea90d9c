package dev.custos.core.ln.signer;

import dev.custos.core.keys.Network;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.secp256k1.Secp256k1;

/**
 * The Lightning node the channels belong to: its node key (BOLT 7 {@code node_id}) and the chain
 * it runs on. The channel signer needs it only to sign {@code channel_announcement}s
 * ({@link ChannelCommand.SignChannelAnnouncement}): the node key signs them next to the funding
 * key, and the announced {@code chain_hash} must be {@link Network#chainHash()}.
 *
 * <p>Holds the node secret until {@link #close()}, which zeroizes it. <b>Warning:</b> the node key
 * is the node's identity in gossip and in every peer connection; whoever holds it can impersonate
 * the node.
 */
public final class NodeIdentity implements AutoCloseable {
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  private final Network network;
  private final SecretBytes nodeSecret;
  private final PublicKey nodeId;

  private NodeIdentity(Network network, SecretBytes nodeSecret) {
    this.network = network;
    this.nodeSecret = nodeSecret;
    this.nodeId = KeyDerivation.publicKeyOf(nodeSecret);
  }

  /**
   * Takes ownership of {@code nodeSecret}, a 32-byte secp256k1 private key (zeroized here if it is
   * refused).
   */
  public static NodeIdentity of(Network network, SecretBytes nodeSecret) {
    if (nodeSecret == null) {
      throw new IllegalArgumentException("a node identity needs a node key");
    }
    if (network == null || nodeSecret.length() != 32 || !nodeSecret.use(SECP::secKeyVerify)) {
      nodeSecret.close();
      throw new IllegalArgumentException("a node identity needs a network and a valid 32-byte node key");
    }
    return new NodeIdentity(network, nodeSecret);
  }

  public Network network() {
    return network;
  }

  public PublicKey nodeId() {
    return nodeId;
  }

  /** The node key's signature of {@code digest}, as {@link #signDigest}. */
  ByteVector sign(ByteVector32 digest) {
    return signDigest(nodeSecret, digest);
  }

  /** An ECDSA signature of a 32-byte digest through libsecp256k1 (RFC 6979, low-S), DER. */
  static ByteVector signDigest(SecretBytes privateKey, ByteVector32 digest) {
    byte[] compact = privateKey.use(k -> SECP.sign(digest.toByteArray(), k, null));
    return new ByteVector(SECP.compact2der(compact));
  }

  @Override
  public void close() {
    nodeSecret.close();
  }

  @Override
  public String toString() {
    return "NodeIdentity[" + network.id() + ", " + nodeId + ", <secret>]";
  }
}
