package dev.custos.ldk.adapter;

import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.ChannelSide;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.ldk.signer.ChannelSignerException;
import dev.custos.ldk.signer.ChannelSignerException.Kind;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxHash;
import org.ldk.enums.COption_NoneZ;
import org.ldk.structs.ChannelTransactionParameters;
import org.ldk.structs.CounterpartyChannelTransactionParameters;

/**
 * LDK's {@code ChannelTransactionParameters} (given to {@code BaseSign::ready_channel}) as the
 * engine's {@link ChannelParameters}.
 *
 * <p>Mapping: LDK's holder is Custos's holder; each side's {@code to_self_delay} is the contest
 * delay the other side selected; the funder is the holder when the channel is outbound. LDK
 * 0.0.106 always uses {@code option_static_remotekey}; its {@code opt_anchors} are fee-paying
 * anchors (BOLT 3 {@code option_anchor_outputs}), which the engine refuses. The dust limits are
 * not passed to the signer by LDK, so both sides get 1 sat: the adapter takes trimming from the
 * HTLC set LDK proposes and only drops zero-value balances.
 */
final class LdkChannelParameters {
  private static final Satoshi NO_DUST_LIMIT = new Satoshi(1);

  private LdkChannelParameters() {}

  static ChannelParameters from(ChannelTransactionParameters ldk, long channelValueSatoshis)
      throws ChannelSignerException {
    if (ldk.get_opt_anchors() == COption_NoneZ.LDKCOption_NoneZ_Some) {
      throw new ChannelSignerException(Kind.UNSUPPORTED_CHANNEL_TYPE,
          "LDK 0.0.106 anchors pay HTLC fees (option_anchor_outputs); only option_static_remotekey is supported");
    }
    CounterpartyChannelTransactionParameters counterparty = ldk.get_counterparty_parameters();
    org.ldk.structs.OutPoint funding = ldk.get_funding_outpoint();
    if (counterparty == null || funding == null) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "ready_channel without counterparty parameters or funding outpoint");
    }
    try {
      ChannelSide holder = new ChannelSide(keys(ldk.get_holder_pubkeys()),
          Short.toUnsignedInt(counterparty.get_selected_contest_delay()), NO_DUST_LIMIT);
      ChannelSide remote = new ChannelSide(keys(counterparty.get_pubkeys()),
          Short.toUnsignedInt(ldk.get_holder_selected_contest_delay()), NO_DUST_LIMIT);
      OutPoint outpoint = new OutPoint(new TxHash(funding.get_txid()), Short.toUnsignedLong(funding.get_index()));
      return new ChannelParameters(outpoint, new Satoshi(channelValueSatoshis), ChannelType.STATIC_REMOTE_KEY, holder,
          remote, ldk.get_is_outbound_from_holder() ? Side.HOLDER : Side.COUNTERPARTY);
    } catch (IllegalArgumentException e) {
      throw new ChannelSignerException(Kind.MALFORMED_REQUEST, "ready_channel: " + e.getMessage());
    }
  }

  static ChannelPublicKeys keys(org.ldk.structs.ChannelPublicKeys k) {
    return new ChannelPublicKeys(new PublicKey(k.get_funding_pubkey()), new PublicKey(k.get_revocation_basepoint()),
        new PublicKey(k.get_payment_point()), new PublicKey(k.get_delayed_payment_basepoint()),
        new PublicKey(k.get_htlc_basepoint()));
  }

  static org.ldk.structs.ChannelPublicKeys toLdk(ChannelPublicKeys k) {
    return org.ldk.structs.ChannelPublicKeys.of(k.fundingPubkey().value.toByteArray(),
        k.revocationBasepoint().value.toByteArray(), k.paymentBasepoint().value.toByteArray(),
        k.delayedPaymentBasepoint().value.toByteArray(), k.htlcBasepoint().value.toByteArray());
  }
}
