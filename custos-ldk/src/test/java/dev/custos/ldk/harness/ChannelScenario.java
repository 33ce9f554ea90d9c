package dev.custos.ldk.harness;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxHash;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxOut;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ldk.structs.ChannelDetails;
import org.ldk.structs.Event;
import org.ldk.structs.Option_u64Z;
import org.ldk.structs.PaymentParameters;
import org.ldk.structs.PaymentPurpose;
import org.ldk.structs.Result_C2Tuple_PaymentHashPaymentSecretZNoneZ;
import org.ldk.structs.Result_NoneAPIErrorZ;
import org.ldk.structs.Result_PaymentIdPaymentSendFailureZ;
import org.ldk.structs.Result_RouteLightningErrorZ;
import org.ldk.structs.Result__u832APIErrorZ;
import org.ldk.structs.RouteParameters;
import org.ldk.structs.Scorer;
import org.ldk.structs.TwoTuple_PaymentHashPaymentSecretZ;
import org.ldk.structs.UserConfig;
import org.ldk.structs.UtilMethods;

/**
 * The channel life cycle two {@link LdkNode}s go through on a {@link FakeChain}: open (funding,
 * six confirmations, channel_ready), pay with an LDK-generated invoice secret, close
 * cooperatively, force-close. Each step drives the nodes until LDK reports the outcome and fails
 * with the step's name if it does not.
 */
public final class ChannelScenario {
  /** LDK 0.0.106's default {@code minimum_depth}. */
  public static final int FUNDING_CONFIRMATIONS = 6;
  private static final int MAX_ROUNDS = 50;

  public final FakeChain chain;
  public final LdkNode a;
  public final LdkNode b;
  public final Wire wire;
  private final Map<LdkNode, PaymentApprover> approvers = new HashMap<>();

  /** What a payer's node does before it pays: ask its signer to approve the payment. */
  @FunctionalInterface
  public interface PaymentApprover {
    void approve(byte[] paymentHash, long msat) throws Exception;
  }

  public ChannelScenario(FakeChain chain, LdkNode a, LdkNode b) {
    this.chain = chain;
    this.a = a;
    this.b = b;
    this.wire = new Wire(List.of(a, b));
  }

  /** {@code payer} asks {@code approver} to approve each payment before it sends it. */
  public void approvePaymentsWith(LdkNode payer, PaymentApprover approver) {
    approvers.put(payer, approver);
  }

  public void connect() {
    wire.connect(a, b);
  }

  /** Opens a channel from {@code funder} to {@code fundee}; returns its funding outpoint once usable. */
  public OutPoint openChannel(LdkNode funder, LdkNode fundee, long sats, long userChannelId) {
    return openChannel(funder, fundee, sats, userChannelId, null);
  }

  /** As {@link #openChannel(LdkNode, LdkNode, long, long)}, with the funder's channel config overridden (null: none). */
  public OutPoint openChannel(LdkNode funder, LdkNode fundee, long sats, long userChannelId, UserConfig override) {
    int seen = eventsOf(funder, Event.FundingGenerationReady.class).size();
    Result__u832APIErrorZ created = funder.channelManager.create_channel(fundee.nodeId(), sats, 0, userChannelId, override);
    check(created.is_ok(), "create_channel");
    wire.pump();
    Event.FundingGenerationReady ready = awaitEvent(funder, Event.FundingGenerationReady.class, seen, "FundingGenerationReady");
    Transaction funding = new Transaction(2, List.of(chain.fundingInput()),
        List.of(new TxOut(new Satoshi(ready.channel_value_satoshis), ready.output_script)), 0);
    Result_NoneAPIErrorZ generated = funder.channelManager.funding_transaction_generated(ready.temporary_channel_id, Transaction.write(funding));
    check(generated.is_ok(), "funding_transaction_generated " + apiError(generated));
    wire.pump();
    check(chain.mempool().stream().anyMatch(t -> t.txid.equals(funding.txid)), "funding broadcast");
    mine(FUNDING_CONFIRMATIONS);
    for (int i = 0; i < MAX_ROUNDS && !usable(funder, funding.txid); i++) {
      wire.pump();
    }
    check(usable(funder, funding.txid) && usable(fundee, funding.txid), "channel usable on both sides");
    return new OutPoint(funding, 0);
  }

  /** Pays {@code msat} from {@code payer} to {@code payee} over their direct channel. */
  public void pay(LdkNode payer, LdkNode payee, long msat) {
    check(attemptPayment(payer, payee, msat), "payment of " + msat + " msat from " + payer.name + " to " + payee.name);
  }

  /**
   * Tries to pay {@code msat} from {@code payer} to {@code payee}; true once the payer saw it sent,
   * false when LDK refused to send it or it did not complete.
   */
  public boolean attemptPayment(LdkNode payer, LdkNode payee, long msat) {
    Result_C2Tuple_PaymentHashPaymentSecretZNoneZ inbound = payee.channelManager.create_inbound_payment(Option_u64Z.some(msat), 3600);
    check(inbound.is_ok(), "create_inbound_payment");
    TwoTuple_PaymentHashPaymentSecretZ hashAndSecret = ((Result_C2Tuple_PaymentHashPaymentSecretZNoneZ.Result_C2Tuple_PaymentHashPaymentSecretZNoneZ_OK) inbound).res;
    byte[] hash = hashAndSecret.get_a();
    PaymentApprover approver = approvers.get(payer);
    if (approver != null) {
      try {
        approver.approve(hash, msat);
      } catch (Exception e) {
        throw new AssertionError("approving the payment of " + msat + " msat failed: " + e.getMessage(), e);
      }
    }
    RouteParameters params = RouteParameters.of(PaymentParameters.from_node_id(payee.nodeId()), msat, 40);
    Scorer scorer = Scorer.with_default();
    Result_RouteLightningErrorZ route = UtilMethods.find_route(payer.nodeId(), params, payer.graph,
        payer.channelManager.list_usable_channels(), payer.logger, scorer.as_Score(), new byte[32]);
    if (!(route instanceof Result_RouteLightningErrorZ.Result_RouteLightningErrorZ_OK ok)) {
      throw new AssertionError("find_route failed: "
          + ((Result_RouteLightningErrorZ.Result_RouteLightningErrorZ_Err) route).err.get_err());
    }
    Result_PaymentIdPaymentSendFailureZ sent = payer.channelManager.send_payment(ok.res, hash, hashAndSecret.get_b());
    if (!sent.is_ok()) {
      return false;
    }
    for (int i = 0; i < MAX_ROUNDS; i++) {
      wire.pump();
      for (Event e : payee.drainEvents()) {
        if (e instanceof Event.PendingHTLCsForwardable) {
          payee.channelManager.process_pending_htlc_forwards();
        } else if (e instanceof Event.PaymentReceived received
            && received.purpose instanceof PaymentPurpose.InvoicePayment invoice) {
          check(payee.channelManager.claim_funds(invoice.payment_preimage), "claim_funds");
        }
      }
      payer.drainEvents();
      if (sentEvent(payer, hash)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sends {@code msat} from {@code payer} to {@code payee} until the payee has received the HTLC,
   * irrevocably committed on both sides, but does not let it claim: returns the payment preimage
   * the payee's node knows, for a later {@code claim_funds}.
   */
  public byte[] pendingPayment(LdkNode payer, LdkNode payee, long msat) {
    Result_C2Tuple_PaymentHashPaymentSecretZNoneZ inbound = payee.channelManager.create_inbound_payment(Option_u64Z.some(msat), 3600);
    check(inbound.is_ok(), "create_inbound_payment");
    TwoTuple_PaymentHashPaymentSecretZ hashAndSecret = ((Result_C2Tuple_PaymentHashPaymentSecretZNoneZ.Result_C2Tuple_PaymentHashPaymentSecretZNoneZ_OK) inbound).res;
    RouteParameters params = RouteParameters.of(PaymentParameters.from_node_id(payee.nodeId()), msat, 40);
    Result_RouteLightningErrorZ route = UtilMethods.find_route(payer.nodeId(), params, payer.graph,
        payer.channelManager.list_usable_channels(), payer.logger, Scorer.with_default().as_Score(), new byte[32]);
    check(route instanceof Result_RouteLightningErrorZ.Result_RouteLightningErrorZ_OK, "find_route");
    var ok = (Result_RouteLightningErrorZ.Result_RouteLightningErrorZ_OK) route;
    check(payer.channelManager.send_payment(ok.res, hashAndSecret.get_a(), hashAndSecret.get_b()).is_ok(), "send_payment");
    for (int i = 0; i < MAX_ROUNDS; i++) {
      wire.pump();
      for (Event e : payee.drainEvents()) {
        if (e instanceof Event.PendingHTLCsForwardable) {
          payee.channelManager.process_pending_htlc_forwards();
        } else if (e instanceof Event.PaymentReceived received
            && received.purpose instanceof PaymentPurpose.InvoicePayment invoice) {
          wire.pump();
          return invoice.payment_preimage;
        }
      }
    }
    throw new AssertionError(payee.name + " never received the pending payment; LDK said: " + a.problems() + " " + b.problems());
  }

  /** Closes cooperatively; returns the confirmed closing transaction. */
  public Transaction closeCooperatively(LdkNode closer, OutPoint funding) {
    check(closer.channelManager.close_channel(channelId(closer, funding)).is_ok(), "close_channel");
    for (int i = 0; i < MAX_ROUNDS && chain.mempool().stream().noneMatch(t -> spends(t, funding)); i++) {
      wire.pump();
    }
    mine(1);
    return confirmedSpend(funding, "cooperative close");
  }

  /** Force-closes from {@code closer}: its latest holder commitment is broadcast and mined. */
  public Transaction forceClose(LdkNode closer, OutPoint funding) {
    check(closer.channelManager.force_close_channel(channelId(closer, funding)).is_ok(), "force_close_channel");
    wire.pump();
    mine(1);
    return confirmedSpend(funding, "force close");
  }

  /**
   * Leaves {@code cheater} holding a revoked commitment with an HTLC output: its holder commitments
   * are recorded while {@code payer} pays it {@code msat} (the HTLC is pending on some of them),
   * then a second payment revokes them all. Returns the recorded one with the most outputs.
   */
  public Transaction revokedCommitmentWithHtlc(LdkNode payer, LdkNode cheater, long msat) {
    cheater.recordMonitors(true);
    pay(payer, cheater, msat);
    cheater.recordMonitors(false);
    pay(payer, cheater, msat);
    List<Transaction> recorded = cheater.recordedHolderCommitments();
    check(!recorded.isEmpty(), cheater.name + " recorded holder commitments");
    return recorded.stream().max(java.util.Comparator.comparingInt(t -> t.txOut.size())).orElseThrow();
  }

  /** Mines {@code n} blocks, connecting each to both nodes and letting them react. */
  public void mine(int n) {
    for (int i = 0; i < n; i++) {
      chain.mine();
      a.syncChain();
      b.syncChain();
      wire.pump();
      a.drainEvents();
      b.drainEvents();
    }
  }

  public byte[] channelId(LdkNode node, OutPoint funding) {
    for (ChannelDetails d : node.channelManager.list_channels()) {
      if (d.get_funding_txo() != null && new TxId(new TxHash(d.get_funding_txo().get_txid())).equals(funding.txid)) {
        return d.get_channel_id();
      }
    }
    throw new AssertionError(node.name + " has no channel funded by " + funding.txid);
  }

  public static <E extends Event> List<E> eventsOf(LdkNode node, Class<E> type) {
    return node.events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  private Transaction confirmedSpend(OutPoint funding, String step) {
    List<Transaction> spends = chain.confirmedSpendsOf(funding);
    check(spends.size() == 1, step + ": exactly one confirmed spend of the funding output");
    return spends.getFirst();
  }

  private static boolean spends(Transaction t, OutPoint o) {
    return t.txIn.stream().anyMatch(in -> in.outPoint.equals(o));
  }

  private boolean usable(LdkNode node, TxId fundingTxid) {
    for (ChannelDetails d : node.channelManager.list_usable_channels()) {
      if (d.get_funding_txo() != null && new TxId(new TxHash(d.get_funding_txo().get_txid())).equals(fundingTxid)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sentEvent(LdkNode payer, byte[] hash) {
    return eventsOf(payer, Event.PaymentSent.class).stream().anyMatch(s -> java.util.Arrays.equals(s.payment_hash, hash));
  }

  /** The first event of {@code type} after the {@code seen} ones already there. */
  private <E extends Event> E awaitEvent(LdkNode node, Class<E> type, int seen, String what) {
    for (int i = 0; i < MAX_ROUNDS; i++) {
      node.drainEvents();
      List<E> all = eventsOf(node, type);
      if (all.size() > seen) {
        return all.get(seen);
      }
      wire.pump();
    }
    throw new AssertionError(node.name + " never emitted " + what + "; LDK said: " + node.problems());
  }

  private static String apiError(Result_NoneAPIErrorZ r) {
    if (r instanceof Result_NoneAPIErrorZ.Result_NoneAPIErrorZ_Err e) {
      return switch (e.err) {
        case org.ldk.structs.APIError.APIMisuseError m -> m.err;
        case org.ldk.structs.APIError.ChannelUnavailable c -> c.err;
        case org.ldk.structs.APIError.RouteError c -> c.err;
        case org.ldk.structs.APIError.FeeRateTooHigh c -> c.err;
        default -> e.err.getClass().getSimpleName();
      };
    }
    return "ok";
  }

  private void check(boolean ok, String step) {
    if (!ok) {
      throw new AssertionError(step + " failed; LDK said: " + a.problems() + " " + b.problems());
    }
  }
}
