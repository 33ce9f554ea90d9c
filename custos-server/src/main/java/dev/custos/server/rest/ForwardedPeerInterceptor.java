package dev.custos.server.rest;

import io.grpc.Attributes;
import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * On the gateway's private in-process server only: makes the HTTP client's address the call's
 * remote address, so {@code ipaddr}/{@code iprange} caveats see the real peer, exactly as on the
 * gRPC port. The gateway sets {@link #PEER} itself and forwards no other client header than the
 * macaroon, so a client cannot choose its address. Without the header the remote address is
 * removed (caveats on the address then fail closed).
 */
final class ForwardedPeerInterceptor implements ServerInterceptor {
  static final Metadata.Key<String> PEER = Metadata.Key.of("custos-rest-peer", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String peer = headers.get(PEER);
    headers.removeAll(PEER);
    Attributes.Builder attributes = call.getAttributes().toBuilder().discard(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (peer != null) {
      attributes.set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress(InetAddress.ofLiteral(peer), 0));
    }
    Attributes forwarded = attributes.build();
    return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public Attributes getAttributes() {
        return forwarded;
      }
    }, headers);
  }
}
