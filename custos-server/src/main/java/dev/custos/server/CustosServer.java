package dev.custos.server;

import dev.custos.core.macaroon.CaveatChecker;
import dev.custos.core.seal.WrongPassphraseException;
import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.proto.v1.UnlockerGrpc;
import dev.custos.server.auth.LockGate;
import dev.custos.server.auth.MacaroonAuthenticator;
import dev.custos.server.auth.MacaroonInterceptor;
import dev.custos.server.auth.PermissionTable;
import dev.custos.server.auth.RequestAuthenticator;
import dev.custos.server.node.Node;
import dev.custos.server.node.NodeException;
import dev.custos.server.node.StoredRootKeys;
import dev.custos.server.rest.RestGateway;
import dev.custos.server.rpc.CustosService;
import dev.custos.server.rpc.UnlockBackoff;
import dev.custos.server.rpc.UnlockerService;
import dev.custos.server.tls.SelfSignedTls;
import dev.custos.server.tls.TlsException;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.keystore.KeystoreException;
import dev.custos.store.StoreException;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Custos gRPC server: the {@code custos.v1.Custos} service and the standard {@code
 * grpc.health.v1.Health} service over TLS, every call authenticated by a macaroon against the
 * {@link PermissionTable} (docs/server.md); the same services over HTTPS/JSON through the {@link
 * RestGateway} on a second address, authenticated and mapped by the same code.
 *
 * <p>Lifecycle: {@link #builder(Path)} → {@link Builder#start()} (opens the data directory,
 * unlocks the keystore when a passphrase is given, loads or generates the TLS identity, binds) →
 * locked: only {@code custos.v1.Unlocker/Unlock} is served, every Custos call fails with "wallet
 * locked: call Unlock first" and health reports {@code custos.v1.Custos} NOT_SERVING; once
 * unlocked (at start or by Unlock): everything is served →
 * {@link #stop()} (refuses new calls, lets in-flight calls finish within the grace period, then
 * zeroizes the keys and closes the store). The class has no {@code main}; the CLI's {@code serve}
 * command drives it.
 */
public final class CustosServer implements AutoCloseable {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 10019;
  public static final int DEFAULT_REST_PORT = 8089;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(CustosServer.class);

  private final Server server;
  /** The executor calls run on (a virtual thread each); shut down once the server has terminated. */
  private final ExecutorService calls;
  private final RestGateway rest;
  private final Node node;
  private final HealthStatusManager health;
  private final TlsIdentity tls;
  private final Duration grace;
  private boolean stopped;

  private CustosServer(Server server, ExecutorService calls, RestGateway rest, Node node, HealthStatusManager health, TlsIdentity tls,
      Duration grace) {
    this.server = server;
    this.calls = calls;
    this.rest = rest;
    this.node = node;
    this.health = health;
    this.tls = tls;
    this.grace = grace;
  }

  /** A builder for a server on the data directory {@code dataDir} (made by {@code custos init}). */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** The address the server is bound to (with the actual port when 0 was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getListenSockets().getFirst();
  }

  /** The port the server is bound to. */
  public int port() {
    return address().getPort();
  }

  /** The address the REST gateway is bound to (with the actual port when 0 was asked for). */
  public InetSocketAddress restAddress() {
    return rest.address();
  }

  /** The port the REST gateway is bound to. */
  public int restPort() {
    return restAddress().getPort();
  }

  /** The store's serialized-writer totals (see {@link dev.custos.store.Store#writerStats}), for metrics and benchmarks. */
  public dev.custos.store.Store.WriterStats storeWriterStats() {
    return node.store().writerStats();
  }

  /** The TLS certificate clients must trust (PEM). */
  public Path tlsCertificate() {
    return tls.certificate();
  }

  /**
   * Stops gracefully: health turns NOT_SERVING, new calls are refused, in-flight calls may finish
   * within the grace period (then they are cancelled); afterwards the keys are zeroized and the
   * store closed. Idempotent. An interrupt cancels the remaining calls at once and is re-asserted.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    health.enterTerminalState();
    server.shutdown();
    rest.stop(grace);
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("calls still running after {}: cancelling them", grace);
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    calls.shutdown();
    try {
      node.close();
    } catch (StoreException e) {
      LOG.error("closing the store failed: {}", e.getMessage());
    }
    LOG.info("custos server stopped");
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Blocks until the server has terminated (after {@link #stop()}, e.g. from a shutdown hook). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Configures and starts a {@link CustosServer}. Not thread-safe; use once. */
  public static final class Builder {
    private final Path dataDir;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Optional<InetSocketAddress> restListen = Optional.empty();
    private Optional<SecretBytes> passphrase = Optional.empty();
    private List<String> tlsExtraNames = List.of();
    private Optional<TlsIdentity> tlsIdentity = Optional.empty();
    private Optional<RequestAuthenticator> authenticator = Optional.empty();
    private UnlockBackoff unlockBackoff = UnlockBackoff.DEFAULT;
    private PermissionTable permissions = PermissionTable.DEFAULT;
    private Map<String, String> env = System.getenv();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** Where to listen; default {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}. Port 0 picks a free port. */
    public Builder listen(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, got " + port);
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /**
     * Where the REST gateway listens; default {@value #DEFAULT_HOST}:{@value #DEFAULT_REST_PORT}.
     * Port 0 picks a free port. When this is not called and {@link #listen} asked for port 0, the
     * gateway also takes a free port (on the gRPC host), so ephemeral servers never collide.
     */
    public Builder restListen(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("REST port must be 0..65535, got " + port);
      }
      this.restListen = Optional.of(InetSocketAddress.createUnresolved(Objects.requireNonNull(host, "host"), port));
      return this;
    }

    /**
     * Unlocks the keystore at start. Not consumed: used only during {@link #start()}; the caller
     * closes it. Without one the server starts locked and waits for an Unlock call.
     */
    public Builder passphrase(SecretBytes passphrase) {
      this.passphrase = Optional.of(passphrase);
      return this;
    }

    /** Extra DNS names or IP addresses for a generated certificate (besides localhost, 127.0.0.1, ::1). */
    public Builder tlsExtraNames(List<String> names) {
      this.tlsExtraNames = List.copyOf(names);
      return this;
    }

    /** Operator-supplied certificate chain and PKCS#8 key (PEM) instead of the generated pair. */
    public Builder tlsIdentity(Path certificate, Path privateKey) {
      this.tlsIdentity = Optional.of(new TlsIdentity(certificate, privateKey));
      return this;
    }

    /**
     * Verifies each call's macaroon instead of the default, a {@link MacaroonAuthenticator} over the
     * node's stored root keys ({@link StoredRootKeys}). There is no unauthenticated mode.
     */
    public Builder authenticator(RequestAuthenticator authenticator) {
      this.authenticator = Optional.of(authenticator);
      return this;
    }

    /** How long failed Unlock attempts wait; default {@link UnlockBackoff#DEFAULT}. */
    public Builder unlockBackoff(UnlockBackoff backoff) {
      this.unlockBackoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Replaces {@link PermissionTable#DEFAULT} (tests only: a smaller table). */
    public Builder permissions(PermissionTable permissions) {
      this.permissions = Objects.requireNonNull(permissions, "permissions");
      return this;
    }

    /** Environment for {@code CUSTOS_*} configuration overrides; default the process environment. */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** How long {@link CustosServer#stop()} lets in-flight calls run; default 10 s. */
    public Builder shutdownGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdown grace must not be negative");
      }
      this.shutdownGrace = grace;
      return this;
    }

    /** Opens the node (unlocking it when a passphrase was given), prepares TLS and binds. On failure nothing stays open. */
    public CustosServer start() throws ServerStartException {
      Node node;
      try {
        node = Node.open(dataDir, env, clock, random);
      } catch (NodeException e) {
        throw new ServerStartException(e.getMessage());
      }
      try {
        if (passphrase.isPresent()) {
          unlockAtStart(node, passphrase.get());
        }
        TlsIdentity tls = tlsIdentity.isPresent() ? requireReadable(tlsIdentity.get())
            : SelfSignedTls.ensure(node.dataDir(), tlsExtraNames, clock, random);
        ServerCredentials credentials = TlsServerCredentials.create(tls.certificate().toFile(), tls.privateKey().toFile());
        HealthStatusManager health = new HealthStatusManager();
        RequestAuthenticator verifier = authenticator.orElseGet(
            () -> new MacaroonAuthenticator(new StoredRootKeys(node), CaveatChecker.NONE, clock));
        MacaroonInterceptor macaroons = new MacaroonInterceptor(permissions, verifier);
        List<ServerServiceDefinition> services = List.of(
            ServerInterceptors.intercept(new CustosService(node), macaroons, new LockGate(node::unlocked)),
            ServerInterceptors.intercept(new UnlockerService(node, unlockBackoff, () -> serving(health, true)), macaroons),
            ServerInterceptors.intercept(health.getHealthService(), macaroons));
        // Calls run on virtual threads: a signing call mostly waits for the store's batch commit,
        // and with gRPC's default cached pool the 16-client benchmark spent about 15 % more CPU
        // per signature switching platform threads (docs/benchmarks.md, issue 4).
        ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
        NettyServerBuilder netty = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
            .maxInboundMetadataSize(MacaroonInterceptor.MAX_METADATA_BYTES)
            .executor(calls);
        services.forEach(netty::addService);
        Server server;
        try {
          server = netty.build().start();
        } catch (IOException | RuntimeException e) {
          calls.shutdown();
          throw e;
        }
        RestGateway rest;
        InetSocketAddress restAddress = restAddress();
        try {
          rest = RestGateway.start(restAddress, tls, services);
        } catch (IOException | TlsException | RuntimeException e) {
          server.shutdownNow();
          calls.shutdown();
          closeAfterFailure(node);
          throw new ServerStartException("cannot listen (REST) on " + restAddress.getHostString() + ":" + restAddress.getPort()
              + ": " + e.getMessage());
        }
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        serving(health, node.unlocked());
        CustosServer started = new CustosServer(server, calls, rest, node, health, tls, shutdownGrace);
        LOG.info("custos.v1 listening on {}, REST on {} (TLS certificate {}; {})", started.address(), started.restAddress(), tls.certificate(),
            node.unlocked() ? "unlocked" : "locked: waiting for Unlock");
        return started;
      } catch (TlsException e) {
        closeAfterFailure(node);
        throw new ServerStartException(e.getMessage());
      } catch (ServerStartException e) {
        closeAfterFailure(node);
        throw e;
      } catch (IOException | IllegalArgumentException e) {
        closeAfterFailure(node);
        throw new ServerStartException("cannot listen on " + host + ":" + port + " with TLS "
            + tlsIdentity.map(TlsIdentity::certificate).orElse(dataDir.resolve(SelfSignedTls.CERT_FILE)) + ": " + bindFailure(e));
      }
    }

    /**
     * grpc-netty wraps the operating system's reason ("Address already in use") in "Failed to bind
     * to address": name the innermost cause too.
     */
    private static String bindFailure(Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root == e || root.getMessage() == null ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    }

    /** Custos serves once unlocked; the Unlocker while locked. */
    private static void serving(HealthStatusManager health, boolean unlocked) {
      health.setStatus(CustosGrpc.SERVICE_NAME, unlocked ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
      health.setStatus(UnlockerGrpc.SERVICE_NAME, unlocked ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
    }

    private static void unlockAtStart(Node node, SecretBytes passphrase) throws ServerStartException {
      if (passphrase.length() == 0) {
        throw new ServerStartException("the passphrase is empty");
      }
      try {
        node.unlock(passphrase, "server start");
      } catch (WrongPassphraseException e) {
        throw new ServerStartException("wrong passphrase (or corrupted seed.sealed)");
      } catch (KeystoreException e) {
        throw new ServerStartException(e.getMessage());
      } catch (StoreException e) {
        throw new ServerStartException("cannot record the unlock or bake the first macaroons in the store: " + e.getMessage());
      } catch (IOException e) {
        throw new ServerStartException("cannot write the first-start macaroon files: " + e.getMessage());
      }
    }

    private InetSocketAddress restAddress() {
      InetSocketAddress asked = restListen.orElseGet(() -> InetSocketAddress.createUnresolved(
          port == 0 ? host : DEFAULT_HOST, port == 0 ? 0 : DEFAULT_REST_PORT));
      return new InetSocketAddress(asked.getHostString(), asked.getPort());
    }

    private static TlsIdentity requireReadable(TlsIdentity tls) throws TlsException {
      for (Path p : List.of(tls.certificate(), tls.privateKey())) {
        if (!Files.isReadable(p)) {
          throw new TlsException("TLS file " + p + " does not exist or is not readable");
        }
      }
      return tls;
    }

    private static void closeAfterFailure(Node node) {
      try {
        node.close();
      } catch (StoreException e) {
        LOG.error("closing the store after a failed start: {}", e.getMessage());
      }
    }
  }
}
