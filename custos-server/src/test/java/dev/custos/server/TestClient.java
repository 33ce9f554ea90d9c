package dev.custos.server;

import dev.custos.proto.v1.CustosGrpc;
import dev.custos.server.auth.MacaroonInterceptor;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** A real grpc-java client over TLS that trusts only the server's certificate. */
final class TestClient implements AutoCloseable {
  final ManagedChannel channel;

  TestClient(String host, int port, Path trustedCertificate) throws Exception {
    ChannelCredentials tls = TlsChannelCredentials.newBuilder().trustManager(trustedCertificate.toFile()).build();
    this.channel = Grpc.newChannelBuilderForAddress(host, port, tls).build();
  }

  /** A stub sending these macaroon header values (hex of each); none for no header. */
  CustosGrpc.CustosBlockingStub stub(String... macaroonHex) {
    Metadata headers = new Metadata();
    for (String m : macaroonHex) {
      headers.put(MacaroonInterceptor.MACAROON, m);
    }
    return CustosGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  /** A stub sending one macaroon and these discharge macaroons (hex each, metadata {@code discharge-macaroon}). */
  CustosGrpc.CustosBlockingStub withDischarges(String macaroonHex, java.util.List<String> dischargeHex) {
    Metadata headers = new Metadata();
    headers.put(MacaroonInterceptor.MACAROON, macaroonHex);
    dischargeHex.forEach(d -> headers.put(MacaroonInterceptor.DISCHARGE, d));
    return CustosGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  CustosGrpc.CustosBlockingStub admin() {
    return stub(HexFormat.of().formatHex(TestAuthenticator.ADMIN));
  }

  CustosGrpc.CustosBlockingStub readonly() {
    return stub(HexFormat.of().formatHex(TestAuthenticator.READONLY));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
