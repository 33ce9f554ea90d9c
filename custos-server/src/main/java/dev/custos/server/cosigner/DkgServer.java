package dev.custos.server.cosigner;

import dev.custos.server.ServerStartException;
import dev.custos.server.tls.PinnedCertificates;
import dev.custos.server.tls.TlsIdentity;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Serves one participant of one ceremony ({@code custos.v1.CosignerDkg}: a DKG, or
 * {@code custos.v1.CosignerRefresh}: a share refresh) for its length, over the same mutually
 * authenticated, pinned TLS as {@link CosignerServer}.
 */
public final class DkgServer implements AutoCloseable {
  private final Server server;

  private DkgServer(Server server) {
    this.server = server;
  }

  /** @param clientPins SHA-256 fingerprints of the certificates allowed to relay the ceremony */
  public static DkgServer start(BindableService participant, TlsIdentity tls, Set<String> clientPins, String host, int port)
      throws ServerStartException {
    try {
      TlsServerCredentials.Builder credentials = TlsServerCredentials.newBuilder()
          .keyManager(tls.certificate().toFile(), tls.privateKey().toFile())
          .trustManager(new PinnedCertificates(clientPins))
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      return new DkgServer(NettyServerBuilder.forAddress(new InetSocketAddress(host, port), credentials.build())
          .addService(participant).build().start());
    } catch (IOException e) {
      throw new ServerStartException("cannot serve the ceremony on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  /** Stops, letting the reply in flight (the confirmation) reach the relay first. */
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
  }
}
