package dev.custos.ldk.adapter;

import dev.custos.ldk.signer.ChannelKeyId;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.TxOut;

/**
 * One output of ours LDK 0.0.106 reports as spendable ({@code Event.SpendableOutputs}), read from
 * its {@code SpendableOutputDescriptor}: what it is, where it is, and which channel's keys unlock
 * it. The values are LDK's claims; the signer checks them against the channel state it holds.
 */
sealed interface OwnOutput {
  OutPoint outpoint();

  TxOut output();

  /** {@code DelayedPaymentOutput}: our {@code to_local} on our commitment, spendable after {@code toSelfDelay}. */
  record DelayedToLocal(OutPoint outpoint, TxOut output, ChannelKeyId channel, PublicKey perCommitmentPoint,
      int toSelfDelay, PublicKey revocationKey) implements OwnOutput {}

  /** {@code StaticPaymentOutput}: our static_remotekey {@code to_remote} on a counterparty commitment. */
  record ToRemote(OutPoint outpoint, TxOut output, ChannelKeyId channel) implements OwnOutput {}

  /** {@code StaticOutput}: an output paying a script LDK got from us (the destination or shutdown script). */
  record AtDestination(OutPoint outpoint, TxOut output) implements OwnOutput {}
}
