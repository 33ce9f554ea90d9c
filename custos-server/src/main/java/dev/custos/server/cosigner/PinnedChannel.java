package dev.custos.server.cosigner;

import dev.custos.server.tls.PinnedCertificates;
import dev.custos.server.tls.TlsIdentity;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.util.Set;

/**
 * A channel to one cosigner over mutual TLS: the client presents {@code client}, and trusts the
 * server only if its leaf certificate has the pinned SHA-256 fingerprint (no CA, no host name).
 */
final class PinnedChannel {
  private PinnedChannel() {}

  static ManagedChannel to(String host, int port, String certificateSha256, TlsIdentity client) throws IOException {
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
        .keyManager(client.certificate().toFile(), client.privateKey().toFile())
        .trustManager(new PinnedCertificates(Set.of(certificateSha256)));
    return NettyChannelBuilder.forAddress(host, port, tls.build()).build();
  }
}
