package dev.custos.ldk.signer;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.ln.signer.NodeIdentity;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.core.secret.SecretBytes;
import dev.custos.service.channel.CachingKeySource;
import dev.custos.service.channel.ChannelRefusedException;
import dev.custos.service.channel.ChannelSigner;
import dev.custos.service.channel.DestinationSigner;
import dev.custos.service.channel.NodeSecretKeySource;
import dev.custos.service.channel.PaymentApprovals;
import dev.custos.store.Store;
import dev.custos.store.StoreException;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import java.time.Clock;

/**
 * Makes a {@link PolicyChannelSigner} for each channel of one node: all share one
 * {@link ChannelSigner} over the node's {@link Store}, and their keys derive from the channel
 * signer root {@link LightningKeyPaths#CHANNEL_SIGNER_ROOT} of the Custos seed (custos-core
 * {@code ChannelKeys.derive(root, channel_keys_id)}), derived once per channel and cached
 * ({@link CachingKeySource}). The node key signs channel announcements ({@link NodeIdentity}); the
 * destination key signs sweeps of outputs already at the destination ({@link #signDestinationSweep}).
 * {@link #close()} zeroizes the root, the node key, the destination key and the cached keys.
 */
public final class PolicyChannelSignerProvider implements ChannelSignerProvider, AutoCloseable {
  private final NodeSecretKeySource root;
  private final CachingKeySource keys;
  private final NodeIdentity node;
  private final ChannelSigner signer;
  private final SecretBytes destinationKey;
  private final DestinationSigner destination;

  private PolicyChannelSignerProvider(NodeSecretKeySource root, CachingKeySource keys, NodeIdentity node,
      ChannelSigner signer, SecretBytes destinationKey, DestinationSigner destination) {
    this.root = root;
    this.keys = keys;
    this.node = node;
    this.signer = signer;
    this.destinationKey = destinationKey;
    this.destination = destination;
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
    SecretBytes destinationKey;
    try (ExtendedPrivateKey k = master.derive(LightningKeyPaths.DESTINATION)) {
      destinationKey = SecretBytes.takeOwnership(k.withPrivateKey(byte[]::clone));
    }
    CachingKeySource keys = new CachingKeySource(root);
    return new PolicyChannelSignerProvider(root, keys, node, new ChannelSigner(store, keys, node, limits, clock, payments),
        destinationKey, new DestinationSigner(store, destinationKey, limits, clock));
  }

  @Override
  public PolicyChannelSigner signerFor(ChannelKeyId id) {
    return new PolicyChannelSigner(signer, keys, id);
  }

  /**
   * Input {@code input} of a sweep spending an output that already pays the node's destination
   * key {@link LightningKeyPaths#DESTINATION} (LDK's {@code StaticOutput}), through
   * custos-service {@link DestinationSigner}: every output must pay an approved destination, the
   * format and fee bound of the channel sweeps apply, and the signature leaves only after its
   * {@code channel.operation} audit record ({@code operation=SignDestinationInput}) is committed.
   *
   * @return the DER signature without sighash byte (SIGHASH_ALL)
   */
  public ByteVector signDestinationSweep(Transaction sweep, int input, Satoshi amount) throws ChannelSignerException {
    try {
      return destination.signInput(sweep, input, amount);
    } catch (ChannelRefusedException e) {
      throw new ChannelSignerException(e.rule(), "destination sweep " + sweep.txid + ": " + e.getMessage());
    } catch (StoreException e) {
      throw new ChannelSignerException(ChannelSignerException.Kind.STORE_FAILED, "destination sweep " + sweep.txid + ": "
          + e.getMessage());
    }
  }

  @Override
  public void close() {
    keys.close();
    root.close();
    node.close();
    destinationKey.close();
  }

  @Override
  public String toString() {
    return "PolicyChannelSignerProvider<secret>";
  }
}
