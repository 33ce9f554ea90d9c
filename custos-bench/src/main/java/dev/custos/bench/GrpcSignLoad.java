package dev.custos.bench;

import com.google.protobuf.ByteString;
import dev.custos.cli.CliContext;
import dev.custos.cli.Main;
import dev.custos.cli.serve.Serving;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.SignPsbtRequest;
import dev.custos.store.Store;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.secp256k1.Secp256k1;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 4 "Performance": {@code C} concurrent gRPC/TLS clients (default 16), each on its own
 * connection, sign distinct single-input BIP84 P2WPKH PSBTs on a real server for {@code S} seconds
 * (default 20) after a warm-up of {@code W} seconds (default 60: on the shared 2-core machine the JIT
 * compiler threads still used 30 % of the process CPU in a window that started 15 s into a run, and
 * under 1 % after 60 s; the run reports their share). Every call pays the macaroon check, the policy decision, the
 * durable debit and the audit record, as in production. Then one thread times raw libsecp256k1
 * ECDSA signing ({@code Secp256k1.sign}) for 5 s, and the ratio of the two is reported, with the
 * process CPU time per signature during the measured window.
 *
 * <p>Usage: {@code GrpcSignLoad [seconds] [clients] [warm-up seconds] [sign|health]} (see {@code
 * custos-bench/run-grpc-load.sh}). {@code health} makes the same clients, connections, TLS and
 * macaroon header call {@code grpc.health.v1.Health/Check} instead, which does no work on the
 * server: the transport's floor on this machine, to read the signing figures against.
 * Not JMH: the system under test is a server with its own threads and store.
 */
public final class GrpcSignLoad {
  private static final String PASS = "bench-passphrase";
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 1 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 10000000 BTC, max-count: 100000000}
      fees:
        max-rate: 1000
      """;
  private static final long RAW_SECONDS = 5;
  /**
   * Pre-built PSBTs per second of warm-up plus measurement, for all clients together: above the
   * rate one server reaches on two cores (a run that exhausts them says so).
   */
  private static final int PSBTS_PER_SECOND = 6_000;
  /**
   * The clients' Netty event loops are their own (2 threads, epoll), not the gRPC default group the
   * server's connections also use, so that their CPU can be told apart from the server's.
   */
  private static final String CLIENT_EVENT_LOOP = "bench-client-elg";

  private GrpcSignLoad() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    boolean health = args.length > 3 && args[3].equals("health");
    if (args.length > 3 && !health && !args[3].equals("sign")) {
      throw new IllegalArgumentException("the fourth argument is sign or health, not " + args[3]);
    }
    Path dir = Files.createTempDirectory("custos-grpc-load-").resolve("node");
    CliContext ctx = new CliContext(Map.of("CUSTOS_PW", PASS), new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err, Optional.empty(),
        Clock.systemUTC(), new SecureRandom());
    Path mnemonic = dir.getParent().resolve("mnemonic.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON);
    cli(ctx, "init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-env", "CUSTOS_PW",
        "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test");
    Path policy = dir.getParent().resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    cli(ctx, "policy", "apply", "--data-dir", dir.toString(), "--file", policy.toString());

    long t0 = System.nanoTime();
    int perClient = Math.max(3000, PSBTS_PER_SECOND * (warmup + seconds) / clients);
    List<List<byte[]>> psbts = health ? java.util.Collections.nCopies(clients, List.of()) : buildPsbts(clients, perClient);
    if (!health) {
      System.err.printf("built %d distinct PSBTs in %.1f s%n", clients * perClient, (System.nanoTime() - t0) / 1e9);
    }

    Result load;
    try (SecretBytes pass = SecretBytes.copyOf(PASS.getBytes(StandardCharsets.UTF_8));
        Serving serving = Serving.start(ctx, dir, pass, new dev.custos.cli.serve.HostPort("127.0.0.1", 0), new dev.custos.cli.serve.HostPort("127.0.0.1", 0), List.of())) {
      byte[] admin = Files.readAllBytes(dir.resolve("admin.macaroon"));
      load = run(serving.server().port(), serving.server().tlsCertificate(), admin, psbts, warmup, seconds, health,
          serving.server()::storeWriterStats);
    }
    deleteTree(dir.getParent());
    Raw raw = rawSignRate();
    double throughput = load.count() / load.seconds();
    double cpuMs = load.cpuNanos() / 1e6 / load.count();
    if (health) {
      System.out.println("MODE: health -- every call below is grpc.health.v1.Health/Check (no signature, no store): read"
          + " 'signatures' as calls");
    }
    System.out.printf("clients: %d, measured: %.1f s (after %d s warm-up), signatures: %d%n", clients, load.seconds(), warmup,
        load.count());
    System.out.printf("throughput: %.0f signatures/s%n", throughput);
    System.out.printf("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", load.percentileMs(50), load.percentileMs(99),
        load.percentileMs(100));
    System.out.printf("process CPU (server + in-process clients): %.2f ms per signature, %.2f cores busy of %d%n", cpuMs,
        load.cpuNanos() / 1e9 / load.seconds(), Runtime.getRuntime().availableProcessors());
    CpuSplit split = load.split();
    double serverMs = split.serverNanos() / 1e6 / load.count();
    System.out.printf("  of which server threads %.3f ms, client threads %.3f ms, JIT compilers %.3f ms, GC %.3f ms, other %.3f ms"
        + " per signature%n", serverMs, split.clientNanos() / 1e6 / load.count(), split.jitNanos() / 1e6 / load.count(),
        split.gcNanos() / 1e6 / load.count(), split.otherNanos() / 1e6 / load.count());
    Store.WriterStats w = load.writer();
    if (w.batches() > 0) {
      System.out.printf("store writer: %d transactions, %.2f writes each, %.3f ms each; busy %.0f%% of the window"
          + " (the serialized part: near 100%% it sets the pace)%n", w.batches(), (double) w.works() / w.batches(),
          w.busyNanos() / 1e6 / w.batches(), 100.0 * w.busyNanos() / (load.seconds() * 1e9));
    }
    if (split.jitNanos() > 0.05 * load.cpuNanos()) {
      System.out.printf("NOTE: the JIT compilers used %.0f%% of the window's CPU: warm-up was not over; raise W%n",
          100.0 * split.jitNanos() / load.cpuNanos());
    }
    System.out.printf("raw libsecp256k1 ECDSA sign, 1 thread: %.0f signatures/s (%.1f us CPU each)%n", raw.perSecond(),
        raw.cpuMicrosPerSignature());
    System.out.printf("ratio: %.1f%% of raw (target >= 25%%), p99 %s 10 ms%n", 100 * throughput / raw.perSecond(),
        load.percentileMs(99) <= 10 ? "<=" : ">");
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("CPU-bound ceiling: server threads alone on %d idle cores -> %.0f signatures/s = %.1f%% of an idle-core raw rate"
        + " (%d x %.1f us / %.1f us)%n", cores, cores / (serverMs / 1e3), 100.0 * cores * raw.cpuMicrosPerSignature() / (serverMs * 1e3),
        cores, raw.cpuMicrosPerSignature(), serverMs * 1e3);
    if (load.exhausted()) {
      System.out.println("NOTE: a client ran out of pre-built PSBTs: raise PSBTS_PER_SECOND");
    }
  }

  /** The run's temporary data directory (keystore, store, macaroons) is removed after the run. */
  private static void deleteTree(Path root) throws java.io.IOException {
    try (var files = Files.walk(root)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void cli(CliContext ctx, String... args) {
    int code = Main.execute(ctx, args);
    if (code != 0) {
      throw new IllegalStateException("custos " + args[0] + " failed with exit code " + code);
    }
  }

  /** Distinct PSBTs: each spends its own funding transaction to one of 100 receive keys. */
  private static List<List<byte[]>> buildPsbts(int clients, int perClient) {
    ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON);
    Account account = Account.derive(master, AccountType.BIP84, Network.REGTEST, 0);
    Account stranger = Account.derive(master, AccountType.BIP84, Network.REGTEST, 1);
    int keys = 100;
    List<PublicKey> pubs = new ArrayList<>();
    List<KeyOrigin> origins = new ArrayList<>();
    List<fr.acinq.bitcoin.ByteVector> spks = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      pubs.add(account.publicKey(0, i));
      origins.add(new KeyOrigin(master.fingerprint(), account.accountPath().child(0).child(i)));
      spks.add(account.scriptPubKey(0, i));
    }
    var away = stranger.scriptPubKey(0, 0);
    Random random = new Random(42);
    List<List<byte[]>> out = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      List<byte[]> mine = new ArrayList<>(perClient);
      for (int n = 0; n < perClient; n++) {
        int k = random.nextInt(keys);
        Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(1_000_000, spks.get(k))));
        var in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0)).derivation(pubs.get(k), origins.get(k)).build();
        mine.add(PsbtCodec.serialize(PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(990_000, away)),
            List.of(PsbtFactory.plainOutput()))));
      }
      out.add(mine);
    }
    return out;
  }

  /**
   * @param cpuNanos CPU time of the whole process (server and the in-process clients) during the
   *     measured window: on a machine shared with other work, CPU per signature is steadier than
   *     throughput
   * @param split the same window's CPU by thread: server, benchmark clients, and the rest
   * @param writer what the store's serialized writer did in the window
   */
  record Result(long count, double seconds, long[] latenciesNanos, boolean exhausted, long cpuNanos, CpuSplit split,
      Store.WriterStats writer) {
    double percentileMs(int p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
      return latenciesNanos[Math.max(0, Math.min(i, latenciesNanos.length - 1))] / 1e6;
    }
  }

  /**
   * The measured window's CPU split by thread. Client: the {@code load-client-*} threads that make
   * the calls and the clients' own Netty event loops ({@code bench-client-elg-*}). Server: every
   * other Java thread except {@code main} (which only sleeps) and JFR's. JIT and GC: the JVM's
   * compiler and collector threads, shared by both sides (JIT CPU in the window means warm-up was
   * not over). Other: the rest of the process CPU (other VM threads, threads that ended).
   */
  record CpuSplit(long serverNanos, long clientNanos, long jitNanos, long gcNanos, long otherNanos) {
    static CpuSplit between(ThreadCpu from, ThreadCpu to) {
      long client = to.since(from, GrpcSignLoad::isClientThread);
      long server = to.since(from, n -> !isClientThread(n) && !n.equals("main") && !n.startsWith("JFR "));
      long all = to.since(from, n -> true);
      long jit = to.jitNanos() - from.jitNanos();
      long gc = to.gcNanos() - from.gcNanos();
      return new CpuSplit(server, client, jit, gc, (to.processNanos() - from.processNanos()) - all - jit - gc);
    }
  }

  private static boolean isClientThread(String name) {
    return name.startsWith("load-client-") || name.startsWith(CLIENT_EVENT_LOOP);
  }

  private static Result run(int port, Path cert, byte[] macaroon, List<List<byte[]>> psbts, int warmup, int seconds,
      boolean health, java.util.function.Supplier<Store.WriterStats> writer) throws Exception {
    int clients = psbts.size();
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("macaroon", Metadata.ASCII_STRING_MARSHALLER), HexFormat.of().formatHex(macaroon));
    ChannelCredentials tls = TlsChannelCredentials.newBuilder().trustManager(cert.toFile()).build();
    long start = System.nanoTime();
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
    long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    long[][] lat = new long[clients][];
    int[] counts = new int[clients];
    boolean[] exhausted = new boolean[clients];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(clients);
    List<ManagedChannel> channels = new ArrayList<>();
    EventLoopGroup clientLoops = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory(CLIENT_EVENT_LOOP, true),
        EpollIoHandler.newFactory());
    for (int c = 0; c < clients; c++) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port, tls)
          .eventLoopGroup(clientLoops).channelType(EpollSocketChannel.class).build();
      channels.add(channel);
      CustosGrpc.CustosBlockingStub stub = CustosGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
      HealthGrpc.HealthBlockingStub check = HealthGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
      int id = c;
      // health calls need no PSBT; room for 100,000 calls/s in all, far above what two cores reach
      int room = health ? 100_000 * (warmup + seconds) / clients : psbts.get(c).size();
      lat[c] = new long[room];
      Thread.ofPlatform().name("load-client-" + c).start(() -> {
        try {
          List<byte[]> mine = psbts.get(id);
          int next = 0;
          while (true) {
            long t = System.nanoTime();
            if (t >= measureTo) {
              break;
            }
            if (next == room) {
              exhausted[id] = true;
              break;
            }
            if (health) {
              next++;
              var reply = check.withDeadlineAfter(30, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
              if (reply.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
                throw new IllegalStateException("health: " + reply.getStatus());
              }
            } else {
              var reply = stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                  .signPsbt(SignPsbtRequest.newBuilder().setPsbt(ByteString.copyFrom(mine.get(next++))).build());
              if (reply.getSignatures() != 1) {
                throw new IllegalStateException("expected 1 signature, got " + reply.getSignatures());
              }
            }
            long end = System.nanoTime();
            if (t >= measureFrom && end <= measureTo) {
              lat[id][counts[id]++] = end - t;
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      });
    }
    ThreadCpu cpuFrom = cpuAt(measureFrom);
    Store.WriterStats writerFrom = writer.get();
    ThreadCpu cpuTo = cpuAt(measureTo);
    Store.WriterStats writerTo = writer.get();
    done.await();
    for (ManagedChannel ch : channels) {
      ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    clientLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    if (failure.get() != null) {
      throw new IllegalStateException("a client failed", failure.get());
    }
    long total = 0;
    for (int n : counts) {
      total += n;
    }
    long[] all = new long[(int) total];
    int at = 0;
    boolean anyExhausted = false;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(lat[c], 0, all, at, counts[c]);
      at += counts[c];
      anyExhausted |= exhausted[c];
    }
    Arrays.sort(all);
    return new Result(total, seconds, all, anyExhausted, cpuTo.processNanos() - cpuFrom.processNanos(),
        CpuSplit.between(cpuFrom, cpuTo), new Store.WriterStats(writerTo.batches() - writerFrom.batches(),
            writerTo.works() - writerFrom.works(), writerTo.busyNanos() - writerFrom.busyNanos()));
  }

  /** Sleeps until {@code nanoTime}, then returns the CPU time used so far, per thread and in all. */
  private static ThreadCpu cpuAt(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    return ThreadCpu.now();
  }

  /** Raw signing: wall-clock rate and CPU time per signature of the signing thread. */
  record Raw(double perSecond, double cpuMicrosPerSignature) {}

  /** Single-thread libsecp256k1 ECDSA signatures per second, distinct messages, one key. */
  private static Raw rawSignRate() {
    Secp256k1 secp = Secp256k1.get();
    byte[] key = HexFormat.of().parseHex("e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35");
    byte[] msg = new byte[32];
    long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    long n = 0;
    while (System.nanoTime() < warmEnd) {
      msg[(int) (n++ & 31)]++;
      secp.sign(msg, key, null);
    }
    n = 0;
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long end = t0 + TimeUnit.SECONDS.toNanos(RAW_SECONDS);
    long now;
    do {
      msg[(int) (n & 31)]++;
      secp.sign(msg, key, null);
      n++;
      now = System.nanoTime();
    } while (now < end);
    return new Raw(n / ((now - t0) / 1e9), (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n);
  }
}
