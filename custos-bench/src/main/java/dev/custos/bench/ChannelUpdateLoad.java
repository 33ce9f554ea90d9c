package dev.custos.bench;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.FeeratePerKw;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.HtlcTransactions;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand;
import dev.custos.core.ln.signer.ChannelId;
import dev.custos.core.ln.signer.ChannelKeys;
import dev.custos.core.ln.signer.ChannelOutcome;
import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.ln.signer.ChannelState;
import dev.custos.core.ln.signer.PaymentLedger;
import dev.custos.core.ln.signer.ProposedTransaction;
import dev.custos.core.ln.signer.SignerLimits;
import dev.custos.core.secret.SecretBytes;
import dev.custos.service.channel.CachingKeySource;
import dev.custos.service.channel.ChannelSigner;
import dev.custos.service.channel.NodeSecretKeySource;
import dev.custos.service.channel.PaymentApprovals;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issue 7 "Performance": Lightning channel updates per second, durable. One update of Alice's
 * channel is what her signer does for one round of {@code commitment_signed}/{@code
 * revoke_and_ack} with 10 untrimmed HTLCs: validate her commitment {@code n} with Bob's commitment
 * and 10 HTLC signatures, sign Bob's commitment {@code n} and its 10 HTLC transactions, revoke her
 * commitment {@code n-1}, and store Bob's revocation of his {@code n-1} — four operations through
 * the service's {@link ChannelSigner}, each its own SQLite transaction (WAL, {@code
 * synchronous=FULL}) with the new state and an audit record, committed before the reply.
 *
 * <p>Bob's messages are computed beforehand by a second, in-memory signer pair (not timed), so the
 * clock covers Alice's signer only. Alice is one node: one node secret, one service signer (one key
 * cache and decoded-state cache) for all her channels, as in a server. Then the same update
 * sequences are timed in memory (pure core, no store, the same number of concurrent channels) to
 * show what durability costs, and raw libsecp256k1 sign+verify pairs on one thread are counted
 * so that runs on a loaded machine can be compared as ratios ({@link RawEcdsaRate}).
 *
 * <p>Usage: {@code ChannelUpdateLoad [updates] [channels]}: updates per channel (default 1000,
 * after 100 warm-up updates) and channels updated concurrently, one thread each (default 1).
 */
public final class ChannelUpdateLoad {
  private static final long FUNDING_SAT = 16_000_000;
  private static final int HTLCS = 10;
  private static final SignerLimits LIMITS = SignerLimits.defaults(Set.of());
  private static final PaymentLedger PAYMENTS = SingleChannelPayments.routing();
  private static final PaymentLedger BOB_PAYMENTS = SingleChannelPayments.payingEverything();
  /** Alice is one node: every channel's keys derive from this secret (and the channel id). */
  private static final byte[] ALICE_NODE_SECRET = filled(0xa0);

  private ChannelUpdateLoad() {}

  /**
   * One update's inputs to Alice's signer: Bob's signatures on her commitment n, her node's request
   * to sign Bob's commitment n (with the proposal a node builds), and Bob's secret for n-1.
   */
  record BobMessages(CommitmentSpec aliceSpec, ChannelReply.CommitmentSignatures onAlice,
      ChannelCommand.SignCounterpartyCommitment signBob, byte[] bobSecret) {}

  /** One channel's scripted run: the setup and Bob's messages per update. */
  record Script(ChannelId id, ChannelCommand.SetupChannel setup, List<BobMessages> updates) {}

  public static void main(String[] args) throws Exception {
    int updates = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int channels = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int warmup = 100;
    List<Script> scripts = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      scripts.add(script(c, warmup + updates));
    }
    long total = (long) updates * channels;
    Path dir = Files.createTempDirectory("custos-channel-load");
    long durable;
    try (Store store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"));
        NodeSecretKeySource root = new NodeSecretKeySource(SecretBytes.copyOf(ALICE_NODE_SECRET));
        CachingKeySource keys = new CachingKeySource(root)) {
      PaymentApprovals none = new PaymentApprovals(store, text -> {
        throw new IllegalStateException("the benchmark approves no payment");
      }, "bench", Clock.systemUTC());
      ChannelSigner alice = new ChannelSigner(store, keys, LIMITS, Clock.systemUTC(), none);
      long cpu0 = processCpuNanos();
      Timing d = concurrently(scripts, s -> runDurable(alice, s, warmup));
      report("durable (SQLite, " + channels + " channel(s), 4 store commits/update)", total, d, processCpuNanos() - cpu0,
          total + (long) warmup * channels);
      durable = d.wallNanos();
    }
    long cpu0 = processCpuNanos();
    Timing m = concurrently(scripts, s -> runInMemory(s, warmup, updates));
    report("in memory (pure core, " + channels + " channel(s))", total, m, processCpuNanos() - cpu0, total + (long) warmup * channels);
    long inMemory = m.wallNanos();
    double raw = RawEcdsaRate.signAndVerifyPerSecond();
    System.out.printf("raw libsecp256k1 ECDSA sign+verify pairs, 1 thread: %.0f/s (an update has 11 of each: %.0f updates/s/core"
        + " if that were all)%n", raw, raw / 11);
    System.out.printf("ratios to raw pairs/s: durable %.3f, in memory %.3f; load average now: %s%n", total / (durable / 1e9) / raw,
        total / (inMemory / 1e9) / raw, RawEcdsaRate.loadAverage());
  }

  /** CPU time of the whole JVM so far (every thread, JNI code included: libsecp256k1, SQLite). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Wall-clock nanoseconds of the slowest channel's timed updates, and CPU nanoseconds of the
   * channel threads over their whole run (warm-up included).
   */
  record Timing(long wallNanos, long threadCpuNanos) {}

  private static void report(String what, long updates, Timing t, long processCpu, long allUpdates) {
    System.out.printf("%s: %d updates in %.2f s = %.1f updates/s; CPU per update (warm-up included): process %.0f us,"
        + " channel threads %.0f us%n", what, updates, t.wallNanos() / 1e9, updates / (t.wallNanos() / 1e9),
        processCpu / 1e3 / allUpdates, t.threadCpuNanos() / 1e3 / allUpdates);
  }

  /** Runs {@code run} for each script on its own thread, started together. */
  private static Timing concurrently(List<Script> scripts, java.util.function.ToLongFunction<Script> run) throws Exception {
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(scripts.size());
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long[] elapsed = new long[scripts.size()];
    long[] cpuNanos = new long[scripts.size()];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < scripts.size(); c++) {
      int i = c;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        long cpu0 = cpu.getCurrentThreadCpuTime();
        elapsed[i] = run.applyAsLong(scripts.get(i));
        cpuNanos[i] = cpu.getCurrentThreadCpuTime() - cpu0;
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Timing(Arrays.stream(elapsed).max().orElseThrow(), Arrays.stream(cpuNanos).sum());
  }

  /**
   * One channel's updates through the node's one service signer (shared by every channel, as in a
   * server: one key cache, one decoded-state cache). Warm-up updates run before the clock starts.
   */
  private static long runDurable(ChannelSigner alice, Script s, int warmup) {
    try {
      alice.execute(s.setup());
      long t0 = 0;
      for (int n = 0; n < s.updates().size(); n++) {
        if (n == warmup) {
          t0 = System.nanoTime();
        }
        BobMessages m = s.updates().get(n);
        alice.execute(new ChannelCommand.ValidateHolderCommitment(s.id(), m.aliceSpec(), m.onAlice().signature(),
            m.onAlice().htlcSignatures()));
        alice.execute(m.signBob());
        if (n > 0) {
          ((AutoCloseable) alice.execute(new ChannelCommand.RevokeHolderCommitment(s.id(), n - 1))).close();
          try (SecretBytes secret = SecretBytes.copyOf(m.bobSecret())) {
            alice.execute(new ChannelCommand.ValidateCounterpartyRevocation(s.id(), n - 1, secret));
          }
        }
      }
      return System.nanoTime() - t0;
    } catch (Exception e) {
      throw new IllegalStateException("channel " + s.id() + " update failed", e);
    }
  }

  private static long runInMemory(Script s, int warmup, int updates) {
    try (SecretBytes secret = SecretBytes.copyOf(ALICE_NODE_SECRET); ChannelKeys keys = ChannelKeys.derive(secret, s.id())) {
      Optional<ChannelState> state = Optional.of(applied(dev.custos.core.ln.signer.ChannelSigner.apply(Optional.empty(), s.setup(),
          keys, LIMITS, PAYMENTS)).state());
      long t0 = 0;
      for (int n = 0; n < warmup + updates; n++) {
        if (n == warmup) {
          t0 = System.nanoTime();
        }
        BobMessages m = s.updates().get(n);
        state = step(state, new ChannelCommand.ValidateHolderCommitment(s.id(), m.aliceSpec(), m.onAlice().signature(),
            m.onAlice().htlcSignatures()), keys);
        state = step(state, m.signBob(), keys);
        if (n > 0) {
          state = step(state, new ChannelCommand.RevokeHolderCommitment(s.id(), n - 1), keys);
          try (SecretBytes bobSecret = SecretBytes.copyOf(m.bobSecret())) {
            state = step(state, new ChannelCommand.ValidateCounterpartyRevocation(s.id(), n - 1, bobSecret), keys);
          }
        }
      }
      return System.nanoTime() - t0;
    }
  }

  private static Optional<ChannelState> step(Optional<ChannelState> state, ChannelCommand c, ChannelKeys keys) {
    ChannelOutcome.Applied a = applied(dev.custos.core.ln.signer.ChannelSigner.apply(state, c, keys, LIMITS, PAYMENTS));
    if (a.reply() instanceof ChannelReply.HolderRevocation r) {
      r.close();
    }
    return Optional.of(a.state());
  }

  private static ChannelOutcome.Applied applied(ChannelOutcome o) {
    if (o instanceof ChannelOutcome.Refused r) {
      throw new IllegalStateException(r.rule().tag() + ": " + r.reason());
    }
    return (ChannelOutcome.Applied) o;
  }

  /** Plays both nodes in memory to record Bob's messages for {@code count} updates. */
  private static Script script(int channel, int count) {
    byte[] idBytes = new byte[32];
    idBytes[31] = (byte) channel;
    idBytes[0] = 0x42;
    ChannelId id = new ChannelId(new ByteVector32(idBytes));
    try (SecretBytes as = SecretBytes.copyOf(ALICE_NODE_SECRET); SecretBytes bs = SecretBytes.copyOf(filled(0x10 + channel));
        ChannelKeys alice = ChannelKeys.derive(as, id); ChannelKeys bob = ChannelKeys.derive(bs, id)) {
      ByteVector fundingScript = Bolt3Scripts.funding(alice.publicKeys().fundingPubkey(), bob.publicKeys().fundingPubkey());
      Transaction funding = new Transaction(2, List.of(new TxIn(new OutPoint(new TxId(new ByteVector32(filled(channel))), 0),
          new byte[0], 0)), List.of(new TxOut(new Satoshi(FUNDING_SAT), Bolt3Scripts.p2wsh(fundingScript))), 0);
      var setupA = new ChannelCommand.SetupChannel(id, new OutPoint(funding, 0), new Satoshi(FUNDING_SAT), new byte[] {0x10, 0x00},
          Side.HOLDER, 144, new Satoshi(546), bob.publicKeys(), 144, new Satoshi(546), Optional.empty(), Optional.empty());
      var setupB = new ChannelCommand.SetupChannel(id, new OutPoint(funding, 0), new Satoshi(FUNDING_SAT), new byte[] {0x10, 0x00},
          Side.COUNTERPARTY, 144, new Satoshi(546), alice.publicKeys(), 144, new Satoshi(546), Optional.empty(), Optional.empty());
      Optional<ChannelState> a = Optional.of(applied(dev.custos.core.ln.signer.ChannelSigner.apply(Optional.empty(), setupA, alice,
          LIMITS, PAYMENTS)).state());
      Optional<ChannelState> b = Optional.of(applied(dev.custos.core.ln.signer.ChannelSigner.apply(Optional.empty(), setupB, bob,
          LIMITS, BOB_PAYMENTS)).state());
      List<BobMessages> out = new ArrayList<>();
      for (int n = 0; n < count; n++) {
        List<Htlc> htlcs = n == 0 ? List.of() : htlcs(channel, n);
        long inFlight = htlcs.stream().mapToLong(h -> h.amount().value()).sum();
        long bobMsat = n == 0 ? 0 : 1_000_000_000L + n * 1000L;
        long aliceMsat = FUNDING_SAT * 1000 - bobMsat - inFlight;
        CommitmentSpec aliceSpec = new CommitmentSpec(n, new FeeratePerKw(2500), new MilliSatoshi(aliceMsat), new MilliSatoshi(bobMsat), htlcs);
        CommitmentSpec bobSpec = new CommitmentSpec(n, new FeeratePerKw(2500), new MilliSatoshi(bobMsat), new MilliSatoshi(aliceMsat),
            htlcs.stream().map(h -> new Htlc(h.direction() == HtlcDirection.OFFERED ? HtlcDirection.RECEIVED : HtlcDirection.OFFERED,
                h.amount(), h.paymentHash(), h.cltvExpiry())).toList());
        PublicKey bobPoint = bob.perCommitmentPoint(n);
        var signBob = signCommand(id, a.get().params(), bobSpec, bobPoint);
        var aliceOnBob = (ChannelReply.CommitmentSignatures) applyTo(a, signBob, alice);
        a = next;
        applyTo(b, new ChannelCommand.ValidateHolderCommitment(id, bobSpec, aliceOnBob.signature(), aliceOnBob.htlcSignatures()), bob);
        b = next;
        byte[] bobSecret = null;
        if (n > 0) {
          try (var r = (ChannelReply.HolderRevocation) applyTo(b, new ChannelCommand.RevokeHolderCommitment(id, n - 1), bob)) {
            b = next;
            bobSecret = r.secret().copy();
            applyTo(a, new ChannelCommand.ValidateCounterpartyRevocation(id, n - 1, r.secret()), alice);
            a = next;
          }
        }
        var bobOnAlice = (ChannelReply.CommitmentSignatures) applyTo(b, signCommand(id, b.get().params(), aliceSpec,
            alice.perCommitmentPoint(n)), bob);
        b = next;
        applyTo(a, new ChannelCommand.ValidateHolderCommitment(id, aliceSpec, bobOnAlice.signature(), bobOnAlice.htlcSignatures()), alice);
        a = next;
        if (n > 0) {
          try (var r = (ChannelReply.HolderRevocation) applyTo(a, new ChannelCommand.RevokeHolderCommitment(id, n - 1), alice)) {
            a = next;
            applyTo(b, new ChannelCommand.ValidateCounterpartyRevocation(id, n - 1, r.secret()), bob);
            b = next;
          }
        }
        out.add(new BobMessages(aliceSpec, bobOnAlice, signBob, bobSecret));
      }
      return new Script(id, setupA, out);
    }
  }

  private static Optional<ChannelState> next;

  private static ChannelReply applyTo(Optional<ChannelState> state, ChannelCommand c, ChannelKeys keys) {
    PaymentLedger payments = state.orElseThrow().params().funder() == Side.HOLDER ? PAYMENTS : BOB_PAYMENTS;
    ChannelOutcome.Applied applied = applied(dev.custos.core.ln.signer.ChannelSigner.apply(state, c, keys, LIMITS, payments));
    next = Optional.of(applied.state());
    return applied.reply();
  }

  /**
   * 10 HTLCs of 1,000–10,000 sat, alternating direction, different per update: each HTLC Alice
   * offers forwards the next one, offered to her with the same payment hash and 1,000 sat more (a
   * route through her node), so the routing-balance rule holds without approved payments. Payment
   * hashes differ per channel: the same hash offered on two channels would be refused.
   */
  private static List<Htlc> htlcs(int channel, int n) {
    List<Htlc> out = new ArrayList<>();
    for (int i = 0; i < HTLCS; i++) {
      byte[] preimage = filled(i / 2);
      preimage[0] = (byte) n;
      preimage[1] = (byte) (n >>> 8);
      preimage[2] = (byte) channel;
      out.add(new Htlc(i % 2 == 0 ? HtlcDirection.OFFERED : HtlcDirection.RECEIVED, new MilliSatoshi((i + 1) * 1_000_000L),
          new ByteVector32(Crypto.sha256(preimage)), 800_000 + i));
    }
    return out;
  }

  private static ChannelCommand.SignCounterpartyCommitment signCommand(ChannelId id, ChannelParameters params, CommitmentSpec spec,
      PublicKey point) {
    CommitmentTransaction ct = CommitmentBuilder.build(params, Side.COUNTERPARTY, spec, point);
    ByteVector out = Bolt3Scripts.toLocal(ct.keys().revocationKey(), params.counterparty().toSelfDelay(), ct.keys().localDelayedKey());
    return new ChannelCommand.SignCounterpartyCommitment(id, spec, point,
        new ProposedTransaction(ct.tx(), ct.outputs().stream().map(o -> o.witnessScript()).toList()),
        HtlcTransactions.build(params, ct).stream().map(h -> new ProposedTransaction(h.tx(), List.of(out))).toList());
  }

  private static byte[] filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return out;
  }
}
