package dev.custos.server;

import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.CustosGrpc;
import dev.custos.server.auth.MacaroonInterceptor;
import dev.custos.server.auth.PermissionTable;
import dev.custos.server.auth.RequestAuthenticator;
import dev.custos.server.node.Node;
import dev.custos.server.node.NodeException;
import dev.custos.server.rpc.CustosService;
import dev.custos.server.tls.SelfSignedTls;
import dev.custos.server.tls.TlsException;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.store.StoreException;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Custos gRPC server: the {@code custos.v1.Custos} service and the standard {@code
 * grpc.health.v1.Health} service over TLS, every call authenticated by a macaroon against the
 * {@link PermissionTable} (docs/server.md).
 *
 * <p>Lifecycle: {@link #builder(Path)} → {@link Builder#start()} (opens the data directory,
 * unlocks the keystore when a passphrase is given, loads or generates the TLS identity, binds) →
 * {@link #stop()} (refuses new calls, lets in-flight calls finish within the grace period, then
 * zeroizes the keys and closes the store). The class has no {@code main}; the CLI's {@code serve}
 * command drives it.
 */
public final class CustosServer implements AutoCloseable {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 10019;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(CustosServer.class);

  private final Server server;
  private final Node node;
  private final HealthStatusManager health;
  private final TlsIdentity tls;
  private final Duration grace;
  private boolean stopped;

  private CustosServer(Server server, Node node, HealthStatusManager health, TlsIdentity tls, Duration grace) {
    this.server = server;
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
    private Optional<SecretBytes> passphrase = Optional.empty();
    private List<String> tlsExtraNames = List.of();
    private Optional<TlsIdentity> tlsIdentity = Optional.empty();
    private RequestAuthenticator authenticator;
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
     * Unlocks the keystore at start so the server can sign. Not consumed: used only during {@link
     * #start()}; the caller closes it. Without one the server starts locked (SignPsbt fails with
     * FAILED_PRECONDITION).
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

    /** Verifies each call's macaroon. Required: there is no unauthenticated mode. */
    public Builder authenticator(RequestAuthenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
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

    /** Opens the node, prepares TLS and binds. On failure nothing stays open. */
    public CustosServer start() throws ServerStartException {
      if (authenticator == null) {
        throw new ServerStartException("no macaroon authenticator configured: the server never runs unauthenticated");
      }
      Node node;
      try {
        node = Node.open(dataDir, env, passphrase, clock, random);
      } catch (NodeException e) {
        throw new ServerStartException(e.getMessage());
      }
      try {
        TlsIdentity tls = tlsIdentity.isPresent() ? requireReadable(tlsIdentity.get())
            : SelfSignedTls.ensure(node.dataDir(), tlsExtraNames, clock, random);
        ServerCredentials credentials = TlsServerCredentials.create(tls.certificate().toFile(), tls.privateKey().toFile());
        HealthStatusManager health = new HealthStatusManager();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials)
            .addService(ServerInterceptors.intercept(new CustosService(node), new MacaroonInterceptor(permissions, authenticator)))
            .addService(ServerInterceptors.intercept(health.getHealthService(), new MacaroonInterceptor(permissions, authenticator)))
            .build()
            .start();
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        health.setStatus(CustosGrpc.SERVICE_NAME, ServingStatus.SERVING);
        CustosServer started = new CustosServer(server, node, health, tls, shutdownGrace);
        LOG.info("custos.v1 listening on {} (TLS certificate {}; {})", started.address(), tls.certificate(),
            node.unlocked() ? "unlocked" : "locked: signing unavailable");
        return started;
      } catch (TlsException e) {
        closeAfterFailure(node);
        throw new ServerStartException(e.getMessage());
      } catch (IOException | IllegalArgumentException e) {
        closeAfterFailure(node);
        throw new ServerStartException("cannot listen on " + host + ":" + port + " with TLS "
            + tlsIdentity.map(TlsIdentity::certificate).orElse(dataDir.resolve(SelfSignedTls.CERT_FILE)) + ": " + e.getMessage());
      }
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
