package dev.custos.service.channel;

import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.CounterpartyCommitment;
import fr.acinq.bitcoin.ByteVector32;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one channel state contributes to the node-wide payment view, by payment hash: HTLCs offered
 * to us (in our latest validated holder commitment) and HTLCs we offered (in the signed, unrevoked
 * counterparty commitments, each HTLC counted once however many of them carry it). Computed once
 * per decoded state, so that an operation on one channel sums the other channels' contributions
 * instead of walking their commitments again.
 */
record ChannelPayments(Map<ByteVector32, Long> receivedMsat, Map<ByteVector32, Long> offeredMsat) {
  ChannelPayments {
    receivedMsat = Map.copyOf(receivedMsat);
    offeredMsat = Map.copyOf(offeredMsat);
  }

  static ChannelPayments of(ChannelState s) {
    Map<ByteVector32, Long> received = new HashMap<>();
    s.holderSpec().ifPresent(spec -> {
      for (Htlc h : spec.htlcs()) {
        if (h.direction() == HtlcDirection.RECEIVED) {
          received.merge(h.paymentHash(), h.amount().value(), Math::addExact);
        }
      }
    });
    Set<Htlc> ours = new HashSet<>();
    for (CounterpartyCommitment c : s.counterpartyUnrevoked()) {
      for (Htlc h : c.spec().htlcs()) {
        if (h.direction() == HtlcDirection.RECEIVED) {
          ours.add(h);
        }
      }
    }
    Map<ByteVector32, Long> offered = new HashMap<>();
    ours.forEach(h -> offered.merge(h.paymentHash(), h.amount().value(), Math::addExact));
    return new ChannelPayments(received, offered);
  }
}
