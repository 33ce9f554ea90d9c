package dev.custos.server.cosigner;

import dev.custos.proto.v1.GetGroupResponse;
import dev.custos.server.ServerStartException;
import dev.custos.server.auth.PeerCertificate;
import dev.custos.server.rpc.CosignerService;
import dev.custos.server.tls.PinnedCertificates;
import dev.custos.server.tls.TlsIdentity;
import dev.custos.service.cosigner.Cosigner;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Serves {@code custos.v1.Cosigner} for one {@link Cosigner} over mutually authenticated TLS: the
 * server presents its own certificate ({@link TlsIdentity}, the same self-signed pair {@code
 * custos serve} uses) and requires a client certificate whose fingerprint is pinned
 * ({@link PinnedCertificates}); anything else fails the handshake.
 */
public final class CosignerServer implements AutoCloseable {
  private final Server server;
  private final Cosigner cosigner;

  private CosignerServer(Server server, Cosigner cosigner) {
    this.server = server;
    this.cosigner = cosigner;
  }

  /**
   * Binds and starts. Takes over {@code cosigner} (closed on {@link #close()}).
   *
   * @param clientPins SHA-256 fingerprints of the coordinator certificates allowed to call
   */
  public static CosignerServer start(Cosigner cosigner, GetGroupResponse group, TlsIdentity tls, Set<String> clientPins,
      String host, int port) throws ServerStartException {
    try {
      TlsServerCredentials.Builder credentials = TlsServerCredentials.newBuilder()
          .keyManager(tls.certificate().toFile(), tls.privateKey().toFile())
          .trustManager(new PinnedCertificates(clientPins))
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials.build())
          .addService(ServerInterceptors.intercept(new CosignerService(cosigner, group), new PeerCertificate()))
          .build()
          .start();
      return new CosignerServer(server, cosigner);
    } catch (IOException e) {
      throw new ServerStartException("cannot serve the cosigner on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  public int port() {
    return ((InetSocketAddress) server.getListenSockets().getFirst()).getPort();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops accepting calls, lets running ones finish for up to 5 s, then zeroizes the share. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    cosigner.close();
  }
}
