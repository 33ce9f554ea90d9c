package dev.custos.ldk.signer;

import dev.custos.core.keys.KeyPath;

/**
 * Where Lightning keys live in the Custos seed (BIP32, every step hardened), next to the audit key
 * {@code m/67858384'/0'} and the macaroon root key {@code m/67858384'/1'} (67858384 spells
 * "CUST"; see docs/audit.md). Hardened steps mean that no Lightning public key or leaked channel
 * key leads to another key or to the seed.
 *
 * <pre>
 * m/67858384'/2'/0'                node key (node_id)
 * m/67858384'/2'/1'/h'/l'/0'       channel h/l funding key
 *                     .../1'       revocation basepoint secret
 *                     .../2'       payment basepoint secret
 *                     .../3'       delayed payment basepoint secret
 *                     .../4'       HTLC basepoint secret
 *                     .../5'       per-commitment seed (the 32 private-key bytes, BOLT 3 shachain seed)
 * m/67858384'/2'/2'                destination / shutdown key (P2WPKH)
 * m/67858384'/2'/3'                inbound payment key material (LDK payment secrets)
 * m/67858384'/2'/4'                channel signer root: the node secret of the stateful channel
 *                                  signer's keys (custos-core ln.signer.ChannelKeys)
 * </pre>
 *
 * <p>The channel signer root is deliberately not the node key: LDK 0.0.106 receives the node key
 * ({@code get_node_secret}), and a node that held the root could derive every channel key.
 */
public final class LightningKeyPaths {
  public static final KeyPath LIGHTNING = KeyPath.parse("m/67858384'/2'");
  public static final KeyPath NODE = LIGHTNING.child(KeyPath.hardened(0));
  public static final KeyPath CHANNELS = LIGHTNING.child(KeyPath.hardened(1));
  public static final KeyPath DESTINATION = LIGHTNING.child(KeyPath.hardened(2));
  public static final KeyPath INBOUND_PAYMENT = LIGHTNING.child(KeyPath.hardened(3));
  public static final KeyPath CHANNEL_SIGNER_ROOT = LIGHTNING.child(KeyPath.hardened(4));

  private LightningKeyPaths() {}
}
