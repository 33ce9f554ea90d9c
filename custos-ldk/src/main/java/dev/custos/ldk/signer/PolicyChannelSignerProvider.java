package dev.custos.ldk.signer;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.ln.signer.NodeIdentity;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.core.secret.SecretBytes;
import dev.custos.service.channel.CachingKeySource;
import dev.custos.service.channel.ChannelSigner;
import dev.custos.service.channel.NodeSecretKeySource;
import dev.custos.service.channel.PaymentApprovals;
import dev.custos.store.Store;
import java.time.Clock;

/**
 * Makes a {@link PolicyChannelSigner} for each channel of one node: all share one
 * {@link ChannelSigner} over the node's {@link Store}, and their keys derive from the channel
 * signer root {@link LightningKeyPaths#CHANNEL_SIGNER_ROOT} of the Custos seed (custos-core
 * {@code ChannelKeys.derive(root, channel_keys_id)}), derived once per channel and cached
 * ({@link CachingKeySource}). The node key signs channel announcements ({@link NodeIdentity}).
 * {@link #close()} zeroizes the root, the node key and the cached keys.
 */
public final class PolicyChannelSignerProvider implements ChannelSignerProvider, AutoCloseable {
  private final NodeSecretKeySource root;
  private final CachingKeySource keys;
  private final NodeIdentity node;
  private final ChannelSigner signer;

  private PolicyChannelSignerProvider(NodeSecretKeySource root, CachingKeySource keys, NodeIdentity node,
      ChannelSigner signer) {
    this.root = root;
    this.keys = keys;
    this.node = node;
    this.signer = signer;
  }

  /**
   * @param master the Custos master key (depth 0), not consumed
   * @param network the chain the node runs on: {@code channel_announcement}s are signed, with the
   *     node key {@link LightningKeyPaths#NODE} (the one LDK's {@code get_node_secret} returns), only
   *     for its genesis hash
   * @param limits the operator's bounds; its approved destinations must include the node's
   *     destination script, or every mutual close and sweep is refused
   * @param payments the node's approved outgoing payments (on the same store): an HTLC the node
   *     offers is signed only when balanced by one offered to it or by an approved payment
   */
  public static PolicyChannelSignerProvider open(ExtendedPrivateKey master, Network network, Store store,
      SignerLimits limits, Clock clock, PaymentApprovals payments) {
    if (master.depth() != 0) {
      throw new IllegalArgumentException("the channel signer root derives from the master key, not from " + master.path());
    }
    NodeSecretKeySource root;
    try (ExtendedPrivateKey k = master.derive(LightningKeyPaths.CHANNEL_SIGNER_ROOT)) {
      root = new NodeSecretKeySource(SecretBytes.takeOwnership(k.withPrivateKey(byte[]::clone)));
    }
    NodeIdentity node;
    try (ExtendedPrivateKey k = master.derive(LightningKeyPaths.NODE)) {
      node = NodeIdentity.of(network, SecretBytes.takeOwnership(k.withPrivateKey(byte[]::clone)));
    }
    CachingKeySource keys = new CachingKeySource(root);
    return new PolicyChannelSignerProvider(root, keys, node, new ChannelSigner(store, keys, node, limits, clock, payments));
  }

  @Override
  public PolicyChannelSigner signerFor(ChannelKeyId id) {
    return new PolicyChannelSigner(signer, keys, id);
  }

  @Override
  public void close() {
    keys.close();
    root.close();
    node.close();
  }

  @Override
  public String toString() {
    return "PolicyChannelSignerProvider<secret>";
  }
}
