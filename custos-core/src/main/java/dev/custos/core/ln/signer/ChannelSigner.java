package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Exception;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelSide;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.ChannelTypeBits;
import dev.custos.core.ln.signer.ChannelCommand.CheckFundingTransaction;
import dev.custos.core.ln.signer.ChannelCommand.GetPerCommitmentPoint;
import dev.custos.core.ln.signer.ChannelCommand.SetupChannel;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.Optional;

/**
 * The validating channel signer as a pure function: {@code (state, command) -> (new state, reply)}
 * or a refusal tagged with the VLS rule it breaks ({@link LnPolicy}). No I/O: the shell loads the
 * state, applies, persists {@link ChannelOutcome.Applied#state()} and only then releases the reply
 * (a signature or a secret) — see custos-service {@code ChannelSigner}.
 *
 * <p>Every transaction signed is rebuilt here with the BOLT 3 engine from the channel's bound
 * parameters and the command's semantic content; a transaction the node built is only compared.
 * The revocation invariants (VLS "Revocation invariants"):
 * <ul>
 *   <li>counterparty commitment {@code n} is signed only when {@code n-2} is revoked
 *       ({@code policy-commitment-previous-revoked});
 *   <li>holder secret {@code n} is released only when holder commitment {@code n+1} was validated
 *       with the counterparty's signatures ({@code policy-revoke-new-commitment-signed});
 *   <li>a revoked holder commitment is never signed ({@code policy-commitment-holder-not-revoked}),
 *       and nothing is revoked after a closing signature ({@code policy-revoke-not-closed}).
 * </ul>
 * Every HTLC we newly offer must be balanced by HTLCs offered to us or by an approved payment
 * ({@link RoutingBalance}).
 */
public final class ChannelSigner {
  private ChannelSigner() {}

  /**
   * Applies {@code command} to the channel's {@code state} (absent only for
   * {@link SetupChannel}) with the channel's {@code keys}, which the caller derives and closes.
   * {@code payments} is the node-wide view the routing-balance rule needs (the shell builds it from
   * its own stored state). Never throws for bad input: every refusal is a {@link ChannelOutcome.Refused}.
   */
  public static ChannelOutcome apply(Optional<ChannelState> state, ChannelCommand command, ChannelKeys keys,
      SignerLimits limits, PaymentLedger payments) {
    return apply(state, command, keys, Optional.empty(), limits, payments);
  }

  /**
   * As {@link #apply(Optional, ChannelCommand, ChannelKeys, SignerLimits, PaymentLedger)}, for a
   * signer that knows its node: {@code node} (lent, not closed) signs
   * {@link ChannelCommand.SignChannelAnnouncement}s, which are refused without it.
   */
  public static ChannelOutcome apply(Optional<ChannelState> state, ChannelCommand command, ChannelKeys keys,
      Optional<NodeIdentity> node, SignerLimits limits, PaymentLedger payments) {
    try {
      if (command instanceof SetupChannel setup) {
        if (state.isPresent()) {
          throw new ChannelPolicyException(LnPolicy.GENERIC_ERROR, "channel " + setup.channelId() + " is already set up");
        }
        return setup(setup, keys, limits);
      }
      ChannelState s = state.orElseThrow(() -> new ChannelPolicyException(LnPolicy.GENERIC_ERROR,
          "channel " + command.channelId() + " is not set up"));
      if (!s.id().equals(command.channelId())) {
        throw new ChannelPolicyException(LnPolicy.GENERIC_ERROR, "command for channel " + command.channelId()
            + " applied to channel " + s.id());
      }
      return switch (command) {
        case SetupChannel c -> throw new IllegalStateException("handled above");
        case CheckFundingTransaction c -> checkFunding(s, c);
        case GetPerCommitmentPoint c -> point(s, c, keys);
        case ChannelCommand.ValidateHolderCommitment c -> HolderOperations.validate(s, c, keys, limits);
        case ChannelCommand.RevokeHolderCommitment c -> HolderOperations.revoke(s, c, keys);
        case ChannelCommand.SignHolderCommitment c -> HolderOperations.sign(s, c, keys);
        case ChannelCommand.SignCounterpartyCommitment c -> CounterpartyOperations.sign(s, c, keys, limits, payments);
        case ChannelCommand.ValidateCounterpartyRevocation c -> CounterpartyOperations.revoked(s, c);
        case ChannelCommand.SignMutualClose c -> CloseOperations.mutualClose(s, c, keys, limits);
        case ChannelCommand.SignSweep c -> CloseOperations.sweep(s, c, keys, limits);
        case ChannelCommand.SignSweepInput c -> SweepInputSigning.sign(s, c, keys, limits);
        case ChannelCommand.SignChannelAnnouncement c -> AnnouncementOperations.sign(s, c, keys, node);
      };
    } catch (ChannelPolicyException e) {
      return new ChannelOutcome.Refused(state, e.rule(), e.reason());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return new ChannelOutcome.Refused(state, LnPolicy.GENERIC_ERROR, "invalid " + command.getClass().getSimpleName()
          + " for channel " + command.channelId() + ": " + e.getMessage());
    }
  }

  private static ChannelOutcome setup(SetupChannel c, ChannelKeys keys, SignerLimits limits) throws ChannelPolicyException {
    ChannelType type;
    try {
      type = ChannelTypeBits.parse(c.channelTypeBits());
    } catch (Bolt3Exception e) {
      throw new ChannelPolicyException(LnPolicy.CHANNEL_SAFE_TYPE, "channel " + c.channelId() + ": " + e.getMessage());
    }
    checkDelay(LnPolicy.CHANNEL_CONTEST_DELAY_RANGE_HOLDER, "holder", c.holderToSelfDelay(), limits);
    checkDelay(LnPolicy.CHANNEL_CONTEST_DELAY_RANGE_COUNTERPARTY, "counterparty", c.counterpartyToSelfDelay(), limits);
    if (c.holderShutdownScript().filter(script -> !limits.approves(script)).isPresent()) {
      throw new ChannelPolicyException(LnPolicy.MUTUAL_DESTINATION_ALLOWLISTED, "channel " + c.channelId()
          + " upfront shutdown script " + c.holderShutdownScript().get().toHex() + " is neither our wallet nor allowlisted");
    }
    ChannelParameters params = new ChannelParameters(c.fundingOutpoint(), c.fundingAmount(), type,
        new ChannelSide(keys.publicKeys(), c.holderToSelfDelay(), c.holderDustLimit()),
        new ChannelSide(c.counterpartyKeys(), c.counterpartyToSelfDelay(), c.counterpartyDustLimit()), c.funder());
    ChannelState state = ChannelState.initial(c.channelId(), params, c.holderShutdownScript(), c.counterpartyShutdownScript());
    return new ChannelOutcome.Applied(state, new ChannelReply.ChannelReady(keys.publicKeys(), keys.perCommitmentPoint(0)));
  }

  private static void checkDelay(LnPolicy rule, String side, int delay, SignerLimits limits) throws ChannelPolicyException {
    if (delay < limits.minDelay() || delay > limits.maxDelay()) {
      throw new ChannelPolicyException(rule, side + " to_self_delay=" + delay + " outside [" + limits.minDelay() + ", "
          + limits.maxDelay() + "]");
    }
  }

  private static ChannelOutcome checkFunding(ChannelState s, CheckFundingTransaction c) throws ChannelPolicyException {
    ChannelParameters p = s.params();
    OutPoint funding = p.fundingOutpoint();
    Transaction tx = c.fundingTx();
    TxOut want = new TxOut(p.fundingAmount(), Bolt3Scripts.p2wsh(
        Bolt3Scripts.funding(p.holder().keys().fundingPubkey(), p.counterparty().keys().fundingPubkey())));
    if (!tx.txid.equals(funding.txid) || funding.index >= tx.txOut.size() || !tx.txOut.get((int) funding.index).equals(want)) {
      throw new ChannelPolicyException(LnPolicy.ONCHAIN_OUTPUT_SCRIPTPUBKEY, "funding transaction " + tx.txid
          + " does not pay " + p.fundingAmount().toLong() + " sat to the channel's 2-of-2 at " + funding.txid + ":" + funding.index);
    }
    if (s.nextHolderNumber() == 0) {
      throw new ChannelPolicyException(LnPolicy.ONCHAIN_INITIAL_COMMITMENT_COUNTERSIGNED, "channel " + s.id()
          + ": our commitment 0 was not counter-signed yet");
    }
    return new ChannelOutcome.Applied(s, new ChannelReply.FundingApproved());
  }

  private static ChannelOutcome point(ChannelState s, GetPerCommitmentPoint c, ChannelKeys keys) throws ChannelPolicyException {
    long limit = s.nextHolderNumber() + 1;
    if (c.number() < 0 || c.number() > limit) {
      throw new ChannelPolicyException(LnPolicy.OPTIONAL_FAIL_FAST, "channel " + s.id() + ": per-commitment point "
          + c.number() + " asked, at most " + limit + " is due");
    }
    return new ChannelOutcome.Applied(s, new ChannelReply.PerCommitmentPoint(c.number(), keys.perCommitmentPoint(c.number())));
  }
}
