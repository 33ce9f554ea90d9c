package dev.custos.core.ln.signer;

import static dev.custos.core.ln.signer.ChannelPair.FEERATE;
import static dev.custos.core.ln.signer.ChannelPair.FUNDING_SAT;
import static dev.custos.core.ln.signer.ChannelPair.ID;
import static dev.custos.core.ln.signer.ChannelPair.WALLET_A;
import static dev.custos.core.ln.signer.ChannelPair.WALLET_B;
import static dev.custos.core.ln.signer.ChannelSignerTest.BOB_MSAT;
import static dev.custos.core.ln.signer.ChannelSignerTest.HTLCS;
import static dev.custos.core.ln.signer.ChannelSignerTest.aliceMsat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelType;
import dev.custos.core.ln.bolt3.ClosingTransactions;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentFees;
import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.bolt3.SpendPath;
import dev.custos.core.ln.bolt3.Sweeps;
import dev.custos.core.ln.signer.ChannelCommand.SetupChannel;
import dev.custos.core.ln.signer.ChannelCommand.SignCounterpartyCommitment;
import dev.custos.core.ln.signer.ChannelCommand.SignMutualClose;
import dev.custos.core.ln.signer.ChannelCommand.SignSweep;
import dev.custos.core.ln.signer.ChannelCommand.ValidateHolderCommitment;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STYLE habit 8 for the Lightning signer: for every {@link LnPolicy}, a baseline request that is
 * applied, and one mutation of it (to a proposed transaction, a command field, the limits or the
 * order of operations) that is refused with exactly that rule's tag, leaving the state unchanged.
 */
class ChannelRuleMutationTest {
  private static final ChannelType STATIC = ChannelType.STATIC_REMOTE_KEY;
  private static final ChannelType ANCHORS = ChannelType.ANCHORS_ZERO_FEE_HTLC_TX;
  private static final ByteVector STRANGER_SCRIPT = Bolt3Scripts.p2wpkh(Mutations.STRANGER);

  /** Runs the scenario, unmutated or mutated, and returns the outcome of its last command. */
  interface Attempt {
    ChannelOutcome run(ChannelPair pair, boolean mutate);
  }

  record Mutation(LnPolicy rule, String what, ChannelType type, Attempt attempt) {
    @Override
    public String toString() {
      return rule.tag() + ": " + what + " (" + (type.hasAnchors() ? "anchors" : "static_remotekey") + ")";
    }
  }

  /** Alice about to sign Bob's commitment 2 (3 HTLCs, one trimmed); the edit sees the rebuilt transaction. */
  record Sign(ChannelPair pair, CommitmentTransaction ct, SignCounterpartyCommitment cmd) {
    int index(Class<?> kind) {
      return indexWhere(o -> kind.isInstance(o));
    }

    int htlc(HtlcDirection direction) {
      return indexWhere(o -> o instanceof CommitmentOutput.HtlcOutput h && h.htlc().direction() == direction);
    }

    int indexWhere(java.util.function.Predicate<CommitmentOutput> p) {
      for (int i = 0; i < ct.outputs().size(); i++) {
        if (p.test(ct.outputs().get(i))) {
          return i;
        }
      }
      throw new AssertionError("no such output");
    }

    Htlc htlcAt(int i) {
      return ((CommitmentOutput.HtlcOutput) ct.outputs().get(i)).htlc();
    }

    SignCounterpartyCommitment with(ProposedTransaction commitment) {
      return new SignCounterpartyCommitment(ID, cmd.spec(), cmd.point(), commitment, cmd.htlcTransactions());
    }

    SignCounterpartyCommitment withHtlc(Function<ProposedTransaction, ProposedTransaction> edit) {
      List<ProposedTransaction> htlcs = new ArrayList<>(cmd.htlcTransactions());
      htlcs.set(0, edit.apply(htlcs.get(0)));
      return new SignCounterpartyCommitment(ID, cmd.spec(), cmd.point(), cmd.commitment(), htlcs);
    }
  }

  static CommitmentSpec bob2() {
    return ChannelPair.bobSpec(2, aliceMsat(HTLCS) - 1_000_000, BOB_MSAT + 1_000_000, HTLCS);
  }

  static Attempt sign(Function<Sign, SignCounterpartyCommitment> edit) {
    return (pair, mutate) -> {
      pair.open();
      pair.update(1, aliceMsat(HTLCS), BOB_MSAT, HTLCS);
      ChannelParameters params = pair.a.get().params();
      SignCounterpartyCommitment cmd = ChannelPair.signCommand(params, bob2(), pair.keysB.perCommitmentPoint(2));
      CommitmentTransaction ct = CommitmentBuilder.build(params, Side.COUNTERPARTY, bob2(), pair.keysB.perCommitmentPoint(2));
      return pair.tryA(mutate ? edit.apply(new Sign(pair, ct, cmd)) : cmd);
    };
  }

  static Attempt limits(Function<SignerLimits, SignerLimits> edit) {
    return (pair, mutate) -> {
      pair.open();
      pair.update(1, aliceMsat(HTLCS), BOB_MSAT, HTLCS);
      if (mutate) {
        pair.limitsA = edit.apply(pair.limitsA);
      }
      return pair.tryA(ChannelPair.signCommand(pair.a.get().params(), bob2(), pair.keysB.perCommitmentPoint(2)));
    };
  }

  static SignerLimits limits(SignerLimits l, int maxHtlcs, long maxInFlight, long maxFeerate, long maxCloseFee) {
    return new SignerLimits(l.minDelay(), l.maxDelay(), l.minFeeratePerKw(), maxFeerate, maxHtlcs, maxInFlight, maxCloseFee,
        l.approvedDestinations());
  }

  /**
   * Alice signs Bob's commitment 1 carrying {@code HTLCS} for the first time: her offered HTLC 1 is
   * an approved 50,000,000 msat payment, her offered HTLC 3 routes 100,000 msat she receives on
   * another channel; the edit changes that node-wide view.
   */
  static Attempt payments(Function<TestPayments, TestPayments> edit) {
    return (pair, mutate) -> {
      pair.open();
      TestPayments base = TestPayments.none()
          .approving(new ApprovedPayment(HTLCS.get(0).paymentHash(), 50_000_000, 0, TestPayments.NOW.plusSeconds(3600)))
          .receiving(HTLCS.get(2).paymentHash(), 100_000);
      pair.paymentsA = mutate ? edit.apply(base) : base;
      return pair.tryA(ChannelPair.signCommand(pair.a.get().params(),
          ChannelPair.bobSpec(1, aliceMsat(HTLCS), BOB_MSAT, HTLCS), pair.keysB.perCommitmentPoint(1)));
    };
  }

  static Attempt setup(Function<SetupChannel, SetupChannel> edit) {
    return (pair, mutate) -> pair.tryA(mutate ? edit.apply(pair.setupA()) : pair.setupA());
  }

  static SetupChannel setup(SetupChannel s, byte[] bits, int holderDelay, int counterpartyDelay) {
    return new SetupChannel(s.channelId(), s.fundingOutpoint(), s.fundingAmount(), bits, s.funder(), holderDelay,
        s.holderDustLimit(), s.counterpartyKeys(), counterpartyDelay, s.counterpartyDustLimit(), s.holderShutdownScript(),
        s.counterpartyShutdownScript());
  }

  /** Alice validates her first commitment, {@code spec}, signed by Bob for the baseline. */
  static Attempt first(CommitmentSpec mutated) {
    return (pair, mutate) -> {
      pair.setupOnly();
      CommitmentSpec baseline = ChannelPair.aliceSpec(0, FUNDING_SAT * 1000, 0, List.of());
      var bob = (ChannelReply.CommitmentSignatures) pair.runB(
          ChannelPair.signCommand(pair.b.get().params(), baseline, pair.keysA.perCommitmentPoint(0)));
      return pair.tryA(new ValidateHolderCommitment(ID, mutate ? mutated : baseline, bob.signature(), bob.htlcSignatures()));
    };
  }

  static Attempt close(Function<SignMutualClose, SignMutualClose> edit, List<Htlc> htlcsWhenMutated) {
    return (pair, mutate) -> {
      List<Htlc> htlcs = mutate ? htlcsWhenMutated : List.of();
      pair.open();
      pair.update(1, aliceMsat(htlcs), BOB_MSAT, htlcs);
      var tx = ClosingTransactions.legacy(pair.a.get().params(), new MilliSatoshi(aliceMsat(List.of())),
          new MilliSatoshi(BOB_MSAT), WALLET_A, WALLET_B, new Satoshi(1_000), new Satoshi(546)).tx();
      SignMutualClose cmd = new SignMutualClose(ID, tx, WALLET_A, WALLET_B);
      return pair.tryA(mutate ? edit.apply(cmd) : cmd);
    };
  }

  static Attempt closeLimits(Function<SignerLimits, SignerLimits> edit) {
    return (pair, mutate) -> {
      pair.open();
      pair.update(1, aliceMsat(List.of()), BOB_MSAT, List.of());
      if (mutate) {
        pair.limitsA = edit.apply(pair.limitsA);
      }
      var tx = ClosingTransactions.legacy(pair.a.get().params(), new MilliSatoshi(aliceMsat(List.of())),
          new MilliSatoshi(BOB_MSAT), WALLET_A, WALLET_B, new Satoshi(1_000), new Satoshi(546)).tx();
      return pair.tryA(new SignMutualClose(ID, tx, WALLET_A, WALLET_B));
    };
  }

  static Transaction closingWith(ChannelPair pair, ByteVector holderScript) {
    return ClosingTransactions.legacy(pair.a.get().params(), new MilliSatoshi(aliceMsat(List.of())), new MilliSatoshi(BOB_MSAT),
        holderScript, WALLET_B, new Satoshi(1_000), new Satoshi(546)).tx();
  }

  /** Alice sweeps her delayed to_local of commitment 1 to {@code destination} at {@code feerate}. */
  static Attempt sweep(ByteVector destination, long feerate, Function<Transaction, Transaction> edit) {
    return (pair, mutate) -> {
      pair.open();
      pair.update(1, aliceMsat(List.of()), BOB_MSAT, List.of());
      CommitmentTransaction ct = CommitmentBuilder.build(pair.a.get().params(), Side.HOLDER,
          ChannelPair.aliceSpec(1, aliceMsat(List.of()), BOB_MSAT, List.of()), pair.keysA.perCommitmentPoint(1));
      int i = 0;
      while (!(ct.outputs().get(i) instanceof CommitmentOutput.ToLocal)) {
        i++;
      }
      ByteVector dest = mutate ? destination : WALLET_A;
      FeeratePerKw rate = new FeeratePerKw(mutate ? feerate : 2000);
      Transaction tx = Sweeps.build(new OutPoint(ct.tx(), i), ct.tx().txOut.get(i), ct.outputs().get(i).witnessScript(),
          new SpendPath.DelayedToLocal(144), dest, rate).tx();
      return pair.tryA(new SignSweep(ID, new ChannelCommand.SweepSource.HolderToLocal(), dest, rate, mutate ? edit.apply(tx) : tx));
    };
  }

  static ByteVector toLocal(Sign s, int delayDelta, boolean strangerRevocation, boolean strangerDelayed) {
    var k = s.ct().keys();
    return Bolt3Scripts.toLocal(strangerRevocation ? Mutations.STRANGER : k.revocationKey(), 144 + delayDelta,
        strangerDelayed ? Mutations.STRANGER : k.localDelayedKey());
  }

  static ProposedTransaction htlcOutput(ProposedTransaction p, ByteVector script) {
    TxOut o = p.tx().txOut.get(0);
    return new ProposedTransaction(Mutations.outputs(p.tx(), List.of(new TxOut(o.amount, Bolt3Scripts.p2wsh(script)))),
        List.of(script));
  }

  static ByteVector offered(Sign s, dev.custos.core.ln.bolt3.CommitmentKeys keys) {
    int i = s.htlc(HtlcDirection.OFFERED);
    return Bolt3Scripts.offeredHtlc(s.pair().type, keys, s.htlcAt(i).paymentHash());
  }

  static Stream<Mutation> mutations() {
    return Stream.of(
        new Mutation(LnPolicy.GENERIC_ERROR, "the channel is set up twice", STATIC, (pair, mutate) -> {
          if (mutate) {
            pair.runA(pair.setupA());
          }
          return pair.tryA(pair.setupA());
        }),
        new Mutation(LnPolicy.COMMITMENT_HTLC_ROUTING_BALANCE, "a routed HTLC receives 1 msat less than it offers", STATIC,
            payments(p -> p.receiving(HTLCS.get(2).paymentHash(), 99_999))),
        new Mutation(LnPolicy.COMMITMENT_PAYMENT_INVOICED, "the approved payment is 1 msat smaller than the HTLC", STATIC,
            payments(p -> p.approving(new ApprovedPayment(HTLCS.get(0).paymentHash(), 49_999_999, 0,
                TestPayments.NOW.plusSeconds(3600))))),
        new Mutation(LnPolicy.INVOICE_NOT_EXPIRED, "the approved invoice expires now", STATIC,
            payments(p -> p.approving(new ApprovedPayment(HTLCS.get(0).paymentHash(), 50_000_000, 0, TestPayments.NOW)))),
        new Mutation(LnPolicy.OPTIONAL_FAIL_FAST, "point 3 asked after commitment 0", STATIC,
            (pair, mutate) -> pair.open().tryA(new ChannelCommand.GetPerCommitmentPoint(ID, mutate ? 3 : 2))),
        new Mutation(LnPolicy.CHANNEL_SAFE_TYPE, "channel_type option_anchor_outputs (bit 20)", STATIC,
            setup(s -> setup(s, new byte[] {0x10, 0x10, 0x00}, 144, 144))),
        new Mutation(LnPolicy.CHANNEL_CONTEST_DELAY_RANGE_HOLDER, "holder to_self_delay 10", STATIC,
            setup(s -> setup(s, ChannelPair.typeBits(STATIC), 10, 144))),
        new Mutation(LnPolicy.CHANNEL_CONTEST_DELAY_RANGE_COUNTERPARTY, "counterparty to_self_delay 5000", STATIC,
            setup(s -> setup(s, ChannelPair.typeBits(STATIC), 144, 5000))),
        new Mutation(LnPolicy.ONCHAIN_OUTPUT_SCRIPTPUBKEY, "the funding transaction pays 1 sat less", STATIC,
            (pair, mutate) -> pair.open().tryA(new ChannelCommand.CheckFundingTransaction(ID,
                mutate ? Mutations.amount(pair.fundingTx, 0, -1) : pair.fundingTx))),
        new Mutation(LnPolicy.ONCHAIN_INITIAL_COMMITMENT_COUNTERSIGNED, "funding checked before commitment 0", STATIC,
            (pair, mutate) -> (mutate ? pair.setupOnly() : pair.open())
                .tryA(new ChannelCommand.CheckFundingTransaction(ID, pair.fundingTx))),
        new Mutation(LnPolicy.COMMITMENT_VERSION, "version 1", STATIC,
            sign(s -> s.with(Mutations.tx(s.cmd().commitment(), t -> Mutations.version(t, 1))))),
        new Mutation(LnPolicy.COMMITMENT_LOCKTIME, "locktime off by one", STATIC,
            sign(s -> s.with(Mutations.tx(s.cmd().commitment(), t -> Mutations.lockTime(t, t.lockTime ^ 1))))),
        new Mutation(LnPolicy.COMMITMENT_SEQUENCE, "sequence off by one", STATIC,
            sign(s -> s.with(Mutations.tx(s.cmd().commitment(), t -> Mutations.input(t, in -> Mutations.sequence(in, in.sequence ^ 1)))))),
        new Mutation(LnPolicy.COMMITMENT_INPUT_SINGLE, "a second input", STATIC,
            sign(s -> s.with(Mutations.tx(s.cmd().commitment(), Mutations::addInput)))),
        new Mutation(LnPolicy.COMMITMENT_INPUT_MATCH_FUNDING, "spends output 1 of the funding transaction", STATIC,
            sign(s -> s.with(Mutations.tx(s.cmd().commitment(),
                t -> Mutations.input(t, in -> Mutations.outPoint(in, new OutPoint(in.outPoint.txid, 1))))))),
        new Mutation(LnPolicy.COMMITMENT_SCRIPTS, "output 0's witness script does not hash to it", STATIC,
            sign(s -> s.with(new ProposedTransaction(s.cmd().commitment().tx(), replaced(s.cmd().commitment().outputWitnessScripts(),
                0, Mutations.OP_TRUE))))),
        new Mutation(LnPolicy.COMMITMENT_OTHER, "two outputs swapped", STATIC,
            sign(s -> s.with(Mutations.swap(s.cmd().commitment(), 0, 1)))),
        new Mutation(LnPolicy.COMMITMENT_SINGULAR_TO_HOLDER, "a second to_local", STATIC,
            sign(s -> s.with(duplicate(s, s.index(CommitmentOutput.ToLocal.class))))),
        new Mutation(LnPolicy.COMMITMENT_SINGULAR_TO_COUNTERPARTY, "a second to_remote", STATIC,
            sign(s -> s.with(duplicate(s, s.index(CommitmentOutput.ToRemote.class))))),
        new Mutation(LnPolicy.COMMITMENT_NO_UNRECOGNIZED_OUTPUTS, "an OP_TRUE output", STATIC,
            sign(s -> s.with(Mutations.append(s.cmd().commitment(), new TxOut(new Satoshi(1000), Bolt3Scripts.p2wsh(Mutations.OP_TRUE)),
                Mutations.OP_TRUE)))),
        new Mutation(LnPolicy.COMMITMENT_OUTPUTS_TRIMMED, "an untrimmed HTLC output left out", STATIC,
            sign(s -> s.with(Mutations.remove(s.cmd().commitment(), s.htlc(HtlcDirection.OFFERED))))),
        new Mutation(LnPolicy.COMMITMENT_REVOCATION_PUBKEY, "to_local revocable by a stranger", STATIC,
            sign(s -> s.with(Mutations.replaceScript(s.cmd().commitment(), s.index(CommitmentOutput.ToLocal.class),
                toLocal(s, 0, true, false))))),
        new Mutation(LnPolicy.COMMITMENT_TO_SELF_DELAY_RANGE, "to_local delayed 145 blocks", STATIC,
            sign(s -> s.with(Mutations.replaceScript(s.cmd().commitment(), s.index(CommitmentOutput.ToLocal.class),
                toLocal(s, 1, false, false))))),
        new Mutation(LnPolicy.COMMITMENT_BROADCASTER_PUBKEY, "to_local delayed key of a stranger", STATIC,
            sign(s -> s.with(Mutations.replaceScript(s.cmd().commitment(), s.index(CommitmentOutput.ToLocal.class),
                toLocal(s, 0, false, true))))),
        new Mutation(LnPolicy.COMMITMENT_COUNTERSIGNATORY_PUBKEY, "to_remote P2WPKH of a stranger", STATIC,
            sign(s -> {
              int i = s.index(CommitmentOutput.ToRemote.class);
              TxOut o = s.cmd().commitment().tx().txOut.get(i);
              return s.with(Mutations.replace(s.cmd().commitment(), i, new TxOut(o.amount, STRANGER_SCRIPT), ByteVector.empty));
            })),
        new Mutation(LnPolicy.COMMITMENT_HTLC_REVOCATION_PUBKEY, "offered HTLC revocable by a stranger", STATIC,
            sign(s -> s.with(Mutations.replaceScript(s.cmd().commitment(), s.htlc(HtlcDirection.OFFERED),
                offered(s, Mutations.withRevocation(s.ct().keys())))))),
        new Mutation(LnPolicy.COMMITMENT_HTLC_COUNTERPARTY_HTLC_PUBKEY, "Bob's HTLC key replaced on his commitment", STATIC,
            sign(s -> s.with(Mutations.replaceScript(s.cmd().commitment(), s.htlc(HtlcDirection.OFFERED),
                offered(s, Mutations.withLocalHtlc(s.ct().keys())))))),
        new Mutation(LnPolicy.COMMITMENT_HTLC_HOLDER_HTLC_PUBKEY, "Alice's HTLC key replaced on Bob's commitment", STATIC,
            sign(s -> s.with(Mutations.replaceScript(s.cmd().commitment(), s.htlc(HtlcDirection.OFFERED),
                offered(s, Mutations.withRemoteHtlc(s.ct().keys())))))),
        new Mutation(LnPolicy.COMMITMENT_ANCHORS_NOT_WHEN_OFF, "an anchor on a static_remotekey commitment", STATIC,
            sign(s -> {
              ByteVector anchor = Bolt3Scripts.anchor(s.ct().keys().localFundingKey());
              return s.with(Mutations.append(s.cmd().commitment(), new TxOut(CommitmentFees.ANCHOR_AMOUNT, Bolt3Scripts.p2wsh(anchor)),
                  anchor));
            })),
        new Mutation(LnPolicy.COMMITMENT_ANCHOR_AMOUNT, "an anchor of 331 sat", ANCHORS,
            sign(s -> s.with(Mutations.tx(s.cmd().commitment(), t -> Mutations.amount(t, s.index(CommitmentOutput.Anchor.class), 1))))),
        new Mutation(LnPolicy.COMMITMENT_ANCHOR_MATCH_FUNDINGKEY, "an anchor locked to a stranger", ANCHORS,
            sign(s -> s.with(Mutations.replaceScript(s.cmd().commitment(), s.index(CommitmentOutput.Anchor.class),
                Bolt3Scripts.anchor(Mutations.STRANGER))))),
        new Mutation(LnPolicy.COMMITMENT_FEE_RANGE, "max feerate below the commitment's", STATIC,
            limits(l -> limits(l, l.maxHtlcs(), l.maxInFlightMsat(), FEERATE - 1, l.maxMutualCloseFeeSat()))),
        new Mutation(LnPolicy.COMMITMENT_HTLC_COUNT_LIMIT, "at most 2 HTLCs", STATIC,
            limits(l -> limits(l, 2, l.maxInFlightMsat(), l.maxFeeratePerKw(), l.maxMutualCloseFeeSat()))),
        new Mutation(LnPolicy.COMMITMENT_HTLC_INFLIGHT_LIMIT, "at most 80,000,000 msat in flight", STATIC,
            limits(l -> limits(l, l.maxHtlcs(), 80_000_000, l.maxFeeratePerKw(), l.maxMutualCloseFeeSat()))),
        new Mutation(LnPolicy.COMMITMENT_FIRST_NO_HTLCS, "commitment 0 carries an HTLC", STATIC,
            first(ChannelPair.aliceSpec(0, FUNDING_SAT * 1000 - 1_000_000, 0,
                List.of(ChannelPair.htlc(HtlcDirection.OFFERED, 1_000_000, 9, 800_000))))),
        new Mutation(LnPolicy.COMMITMENT_INITIAL_FUNDING_VALUE, "commitment 0 pushes 1000 msat", STATIC,
            first(ChannelPair.aliceSpec(0, FUNDING_SAT * 1000 - 1000, 1000, List.of()))),
        new Mutation(LnPolicy.COMMITMENT_RETRY_SAME, "Bob's commitment 2 signed again at another feerate", STATIC,
            (pair, mutate) -> {
              sign(s -> s.cmd()).run(pair, false);
              pair.a = Optional.of(((ChannelOutcome.Applied) pair.tryA(ChannelPair.signCommand(pair.a.get().params(), bob2(),
                  pair.keysB.perCommitmentPoint(2)))).state());
              CommitmentSpec other = new CommitmentSpec(2, new FeeratePerKw(FEERATE + 1), bob2().toLocal(), bob2().toRemote(),
                  bob2().htlcs());
              return pair.tryA(ChannelPair.signCommand(pair.a.get().params(), mutate ? other : bob2(), pair.keysB.perCommitmentPoint(2)));
            }),
        new Mutation(LnPolicy.COMMITMENT_PREVIOUS_REVOKED, "Bob's commitment 3 before he revoked 1", STATIC,
            (pair, mutate) -> {
              pair.open();
              pair.update(1, aliceMsat(List.of()), BOB_MSAT, List.of());
              CommitmentSpec two = ChannelPair.bobSpec(2, aliceMsat(List.of()), BOB_MSAT, List.of());
              var sigs = (ChannelReply.CommitmentSignatures) pair.runA(ChannelPair.signCommand(pair.a.get().params(), two,
                  pair.keysB.perCommitmentPoint(2)));
              if (!mutate) {
                pair.runB(new ValidateHolderCommitment(ID, two, sigs.signature(), sigs.htlcSignatures()));
                try (var r = (ChannelReply.HolderRevocation) pair.runB(new ChannelCommand.RevokeHolderCommitment(ID, 1))) {
                  pair.runA(new ChannelCommand.ValidateCounterpartyRevocation(ID, 1, r.secret()));
                }
              }
              return pair.tryA(ChannelPair.signCommand(pair.a.get().params(), ChannelPair.bobSpec(3, aliceMsat(List.of()), BOB_MSAT,
                  List.of()), pair.keysB.perCommitmentPoint(3)));
            }),
        new Mutation(LnPolicy.COMMITMENT_HOLDER_NOT_REVOKED, "force-close signature on revoked commitment 0", STATIC,
            (pair, mutate) -> {
              pair.open();
              pair.update(1, aliceMsat(List.of()), BOB_MSAT, List.of());
              long n = mutate ? 0 : 1;
              CommitmentSpec spec = n == 0 ? ChannelPair.aliceSpec(0, FUNDING_SAT * 1000, 0, List.of())
                  : ChannelPair.aliceSpec(1, aliceMsat(List.of()), BOB_MSAT, List.of());
              CommitmentTransaction ct = CommitmentBuilder.build(pair.a.get().params(), Side.HOLDER, spec, pair.keysA.perCommitmentPoint(n));
              return pair.tryA(new ChannelCommand.SignHolderCommitment(ID, n, ChannelPair.proposal(ct)));
            }),
        new Mutation(LnPolicy.REVOKE_NEW_COMMITMENT_SIGNED, "Bob's signature is for another transaction", STATIC,
            (pair, mutate) -> {
              pair.open();
              pair.update(1, aliceMsat(HTLCS), BOB_MSAT, HTLCS);
              CommitmentSpec two = ChannelPair.aliceSpec(2, aliceMsat(HTLCS), BOB_MSAT, HTLCS);
              var bob = (ChannelReply.CommitmentSignatures) pair.runB(ChannelPair.signCommand(pair.b.get().params(), two,
                  pair.keysA.perCommitmentPoint(2)));
              var sig = mutate ? pair.aliceOnBob.signature() : bob.signature();
              return pair.tryA(new ValidateHolderCommitment(ID, two, sig, bob.htlcSignatures()));
            }),
        new Mutation(LnPolicy.REVOKE_NOT_CLOSED, "revocation after a force-close signature", STATIC,
            (pair, mutate) -> {
              pair.open();
              pair.update(1, aliceMsat(List.of()), BOB_MSAT, List.of());
              CommitmentSpec two = ChannelPair.aliceSpec(2, aliceMsat(List.of()), BOB_MSAT, List.of());
              var bob = (ChannelReply.CommitmentSignatures) pair.runB(ChannelPair.signCommand(pair.b.get().params(), two,
                  pair.keysA.perCommitmentPoint(2)));
              pair.runA(new ValidateHolderCommitment(ID, two, bob.signature(), bob.htlcSignatures()));
              if (mutate) {
                CommitmentTransaction ct = CommitmentBuilder.build(pair.a.get().params(), Side.HOLDER, two, pair.keysA.perCommitmentPoint(2));
                pair.runA(new ChannelCommand.SignHolderCommitment(ID, 2, ChannelPair.proposal(ct)));
              }
              return pair.tryA(new ChannelCommand.RevokeHolderCommitment(ID, 1));
            }),
        new Mutation(LnPolicy.HTLC_VERSION, "HTLC transaction version 1", STATIC,
            sign(s -> s.withHtlc(p -> Mutations.tx(p, t -> Mutations.version(t, 1))))),
        new Mutation(LnPolicy.HTLC_LOCKTIME, "HTLC transaction locktime + 1", STATIC,
            sign(s -> s.withHtlc(p -> Mutations.tx(p, t -> Mutations.lockTime(t, t.lockTime + 1))))),
        new Mutation(LnPolicy.HTLC_SEQUENCE, "HTLC transaction sequence 5", STATIC,
            sign(s -> s.withHtlc(p -> Mutations.tx(p, t -> Mutations.input(t, in -> Mutations.sequence(in, 5)))))),
        new Mutation(LnPolicy.HTLC_OTHER, "HTLC transaction with a second output", STATIC,
            sign(s -> s.withHtlc(p -> Mutations.append(p, new TxOut(new Satoshi(1000), WALLET_B), ByteVector.empty)))),
        new Mutation(LnPolicy.HTLC_REVOCATION_PUBKEY, "HTLC output revocable by a stranger", STATIC,
            sign(s -> s.withHtlc(p -> htlcOutput(p, toLocal(s, 0, true, false))))),
        new Mutation(LnPolicy.HTLC_TO_SELF_DELAY, "HTLC output delayed 145 blocks", STATIC,
            sign(s -> s.withHtlc(p -> htlcOutput(p, toLocal(s, 1, false, false))))),
        new Mutation(LnPolicy.HTLC_DELAYED_PUBKEY, "HTLC output delayed key of a stranger", STATIC,
            sign(s -> s.withHtlc(p -> htlcOutput(p, toLocal(s, 0, false, true))))),
        new Mutation(LnPolicy.HTLC_FEE_RANGE, "HTLC transaction pays 1 sat more fee", STATIC,
            sign(s -> s.withHtlc(p -> Mutations.tx(p, t -> Mutations.amount(t, 0, -1))))),
        new Mutation(LnPolicy.MUTUAL_DESTINATION_ALLOWLISTED, "our output pays a stranger", STATIC,
            (pair, mutate) -> {
              pair.open();
              pair.update(1, aliceMsat(List.of()), BOB_MSAT, List.of());
              ByteVector ours = mutate ? STRANGER_SCRIPT : WALLET_A;
              return pair.tryA(new SignMutualClose(ID, closingWith(pair, ours), ours, WALLET_B));
            }),
        new Mutation(LnPolicy.MUTUAL_VALUE_MATCHES_COMMITMENT, "1000 sat moved from our output to Bob's", STATIC,
            close(c -> new SignMutualClose(ID, moved(c.closingTx()), WALLET_A, WALLET_B), List.of())),
        new Mutation(LnPolicy.MUTUAL_FEE_RANGE, "max closing fee 999 sat", STATIC,
            closeLimits(l -> limits(l, l.maxHtlcs(), l.maxInFlightMsat(), l.maxFeeratePerKw(), 999))),
        new Mutation(LnPolicy.MUTUAL_NO_PENDING_HTLCS, "HTLCs still pending", STATIC, close(c -> c, HTLCS)),
        new Mutation(LnPolicy.MUTUAL_OTHER, "closing locktime 1", STATIC,
            close(c -> new SignMutualClose(ID, Mutations.lockTime(c.closingTx(), 1), WALLET_A, WALLET_B), List.of())),
        new Mutation(LnPolicy.SWEEP_DESTINATION_ALLOWLISTED, "sweep to Bob's wallet", STATIC, sweep(WALLET_B, 2000, t -> t)),
        new Mutation(LnPolicy.SWEEP_FEE_RANGE, "sweep at 100 sat/kw", STATIC, sweep(WALLET_A, 100, t -> t)),
        new Mutation(LnPolicy.SWEEP_VERSION, "sweep version 1", STATIC, sweep(WALLET_A, 2000, t -> Mutations.version(t, 1))),
        new Mutation(LnPolicy.SWEEP_SEQUENCE, "sweep sequence 0", STATIC,
            sweep(WALLET_A, 2000, t -> Mutations.input(t, in -> Mutations.sequence(in, 0)))),
        new Mutation(LnPolicy.SWEEP_LOCKTIME, "sweep locktime 1", STATIC, sweep(WALLET_A, 2000, t -> Mutations.lockTime(t, 1))),
        new Mutation(LnPolicy.SWEEP_OTHER, "sweep pays 1 sat less", STATIC, sweep(WALLET_A, 2000, t -> Mutations.amount(t, 0, -1))));
  }

  static List<ByteVector> replaced(List<ByteVector> scripts, int i, ByteVector script) {
    List<ByteVector> out = new ArrayList<>(scripts);
    out.set(i, script);
    return out;
  }

  static ProposedTransaction duplicate(Sign s, int i) {
    ProposedTransaction p = s.cmd().commitment();
    return Mutations.append(p, p.tx().txOut.get(i), p.outputWitnessScripts().get(i));
  }

  static Transaction moved(Transaction tx) {
    List<TxOut> outs = new ArrayList<>();
    for (TxOut o : tx.txOut) {
      long delta = o.publicKeyScript.equals(WALLET_A) ? -1000 : 1000;
      outs.add(new TxOut(new Satoshi(o.amount.toLong() + delta), o.publicKeyScript));
    }
    return Mutations.outputs(tx, outs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void baselineIsAppliedAndTheMutationIsRefusedWithItsTag(Mutation m) {
    ChannelOutcome baseline = m.attempt().run(new ChannelPair(m.type()), false);
    assertThat(baseline).as(() -> "baseline: " + baseline).isInstanceOf(ChannelOutcome.Applied.class);

    ChannelPair pair = new ChannelPair(m.type());
    ChannelOutcome mutated = m.attempt().run(pair, true);
    assertThat(mutated).as(() -> "mutated: " + mutated).isInstanceOfSatisfying(ChannelOutcome.Refused.class, r -> {
      assertThat(r.rule()).as(r.reason()).isEqualTo(m.rule());
      assertThat(r.state()).isEqualTo(pair.a);
      assertThat(r.reason()).isNotBlank();
    });
  }

  @Test
  void everyRuleHasAMutation() {
    Set<LnPolicy> covered = mutations().map(Mutation::rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(LnPolicy.class)));
    covered.addAll(PaymentApprovalTest.RULES);
    covered.addAll(ChannelAnnouncementTest.RULES);
    assertThat(covered).containsExactlyInAnyOrder(LnPolicy.values());
    assertThat(Arrays.stream(LnPolicy.values()).map(p -> p.tag().value()).distinct()).hasSize(LnPolicy.values().length);
  }
}
