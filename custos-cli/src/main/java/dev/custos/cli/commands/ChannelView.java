package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.core.ln.bolt3.ChannelSide;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.CounterpartyCommitment;
import dev.custos.store.StoredChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code custos channels} prints one stored channel: public facts only (ids, amounts,
 * commitment numbers, keys), never a stored counterparty secret.
 */
final class ChannelView {
  private ChannelView() {}

  static String type(ChannelState s) {
    return s.params().type().hasAnchors() ? "anchors_zero_fee_htlc_tx" : "static_remotekey";
  }

  static String status(ChannelState s) {
    if (s.closingSigned()) {
      return "closing";
    }
    return s.nextHolderNumber() == 0 ? "opening" : "open";
  }

  /** One line: id, status, type, capacity, our balance, commitment numbers, HTLCs. */
  static String line(StoredChannel row, ChannelState s) {
    return row.channelIdHex() + "  " + status(s) + "  " + type(s) + "  capacity=" + s.params().fundingAmount().toLong() + "sat"
        + "  ours=" + s.holderSpec().map(h -> h.toLocal().value() + "msat").orElse("-")
        + "  holder=" + (s.nextHolderNumber() - 1) + "  counterparty=" + (s.nextCounterpartyNumber() - 1)
        + "  htlcs=" + s.holderSpec().map(h -> Integer.toString(h.htlcs().size())).orElse("0");
  }

  static List<String> details(StoredChannel row, ChannelState s) {
    List<String> out = new ArrayList<>();
    out.add("channel           " + row.channelIdHex());
    out.add("status            " + status(s));
    out.add("type              " + type(s));
    out.add("funding           " + s.params().fundingOutpoint().txid + ":" + s.params().fundingOutpoint().index + "  "
        + s.params().fundingAmount().toLong() + " sat, funded by " + (s.params().funder() == Side.HOLDER ? "us" : "the counterparty"));
    out.add("holder            " + side(s.params().holder()));
    out.add("counterparty      " + side(s.params().counterparty()));
    out.add("holder shutdown   " + s.holderShutdownScript().map(b -> b.toHex()).orElse("-"));
    out.add("peer shutdown     " + s.counterpartyShutdownScript().map(b -> b.toHex()).orElse("-"));
    out.add("holder commitment " + (s.nextHolderNumber() - 1) + " validated, " + s.holderRevoked() + " revoked");
    s.holderSpec().ifPresent(h -> out.add("  " + spec(h)));
    s.holderSpec().ifPresent(h -> h.htlcs().forEach(x -> out.add("    " + htlc(x))));
    out.add("peer commitment   " + (s.nextCounterpartyNumber() - 1) + " signed, " + s.counterpartyRevoked() + " revoked (secrets stored)");
    for (CounterpartyCommitment c : s.counterpartyUnrevoked()) {
      out.add("  " + spec(c.spec()) + "  point " + c.point());
    }
    out.add("stored version    " + row.version() + " at " + row.updatedAt());
    return out;
  }

  static ObjectNode json(ObjectNode o, StoredChannel row, ChannelState s) {
    o.put("channelId", row.channelIdHex()).put("status", status(s)).put("type", type(s))
        .put("fundingOutpoint", s.params().fundingOutpoint().txid + ":" + s.params().fundingOutpoint().index)
        .put("capacitySat", s.params().fundingAmount().toLong())
        .put("funder", s.params().funder() == Side.HOLDER ? "holder" : "counterparty")
        .put("holderCommitment", s.nextHolderNumber() - 1).put("holderRevoked", s.holderRevoked())
        .put("counterpartyCommitment", s.nextCounterpartyNumber() - 1).put("counterpartyRevoked", s.counterpartyRevoked())
        .put("closingSigned", s.closingSigned()).put("stateVersion", row.version()).put("updatedAt", row.updatedAt().toString());
    s.holderSpec().ifPresent(h -> {
      o.put("holderBalanceMsat", h.toLocal().value()).put("counterpartyBalanceMsat", h.toRemote().value())
          .put("feeratePerKw", h.feerate().value());
      ArrayNode htlcs = o.putArray("htlcs");
      h.htlcs().forEach(x -> htlcs.addObject().put("direction", x.direction().name().toLowerCase(java.util.Locale.ROOT))
          .put("amountMsat", x.amount().value()).put("paymentHash", x.paymentHash().toHex()).put("cltvExpiry", x.cltvExpiry()));
    });
    return o;
  }

  private static String side(ChannelSide side) {
    return "to_self_delay=" + side.toSelfDelay() + " dust_limit=" + side.dustLimit().toLong() + "sat funding_pubkey="
        + side.keys().fundingPubkey();
  }

  private static String spec(CommitmentSpec h) {
    return "#" + h.commitmentNumber() + " feerate_per_kw=" + h.feerate().value() + " to_local=" + h.toLocal().value() + "msat to_remote="
        + h.toRemote().value() + "msat htlcs=" + h.htlcs().size();
  }

  private static String htlc(Htlc h) {
    return h.direction().name().toLowerCase(java.util.Locale.ROOT) + " " + h.amount().value() + "msat hash=" + h.paymentHash()
        + " cltv_expiry=" + h.cltvExpiry();
  }
}
