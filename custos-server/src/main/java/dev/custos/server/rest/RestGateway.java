package dev.custos.server.rest;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.custos.server.tls.TlsException;
import dev.custos.server.tls.TlsIdentity;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The REST/JSON gateway (docs/server.md, "REST gateway"): HTTPS with the gRPC server's certificate
 * on its own address, routes {@code /v1/...} ({@link RestRoutes}) to the same gRPC services
 * through a private in-process channel. The services are given already wrapped in the macaroon
 * interceptor, so authentication, the permission table and the status mapping are the gRPC ones;
 * the gateway only translates JSON and HTTP statuses ({@link RestError}).
 */
public final class RestGateway {
  private final HttpsServer https;
  private final ExecutorService executor;
  private final Server inProcess;
  private final ManagedChannel channel;
  private boolean stopped;

  private RestGateway(HttpsServer https, ExecutorService executor, Server inProcess, ManagedChannel channel) {
    this.https = https;
    this.executor = executor;
    this.inProcess = inProcess;
    this.channel = channel;
  }

  /**
   * Binds {@code address} (port 0: a free port) with the certificate and key of {@code tls}, and
   * serves {@code services} (authenticated service definitions) over REST. On failure nothing
   * stays open.
   */
  public static RestGateway start(InetSocketAddress address, TlsIdentity tls, List<ServerServiceDefinition> services)
      throws IOException, TlsException {
    var sslContext = PemSslContext.load(tls);
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    ForwardedPeerInterceptor peer = new ForwardedPeerInterceptor();
    services.forEach(s -> builder.addService(ServerInterceptors.intercept(s, peer)));
    Server inProcess = builder.build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    try {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(sslContext));
      https.createContext("/", new RestHandler(channel));
      https.setExecutor(executor);
      https.start();
      return new RestGateway(https, executor, inProcess, channel);
    } catch (IOException | RuntimeException e) {
      channel.shutdownNow();
      inProcess.shutdownNow();
      executor.shutdownNow();
      throw e;
    }
  }

  /** The bound address (with the actual port when 0 was asked for). */
  public InetSocketAddress address() {
    return https.getAddress();
  }

  /**
   * Stops accepting connections, lets in-flight requests finish within {@code grace} (whole
   * seconds, at least one), then closes the in-process channel and server. Idempotent.
   */
  public synchronized void stop(Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    https.stop((int) Math.max(1, Math.min(Integer.MAX_VALUE, grace.toSeconds())));
    channel.shutdown();
    inProcess.shutdown();
    executor.shutdown();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
      inProcess.awaitTermination(5, TimeUnit.SECONDS);
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      channel.shutdownNow();
      inProcess.shutdownNow();
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
