package dev.custos.server.auth;

import dev.custos.server.tls.PinnedCertificates;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Puts the SHA-256 fingerprint of the client's TLS certificate (already checked against the pins
 * by {@link PinnedCertificates} during the handshake) in the call context, for audit records. A
 * call without a verified client certificate is closed UNAUTHENTICATED before any handler runs.
 */
public final class PeerCertificate implements ServerInterceptor {
  private static final Context.Key<String> KEY = Context.key("custos-peer-certificate");

  /** The fingerprint of the current call's client certificate. */
  public static String fingerprint() {
    String f = KEY.get();
    return f == null ? "unknown" : f;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    String fingerprint = null;
    try {
      if (session != null) {
        Certificate[] peer = session.getPeerCertificates();
        if (peer.length > 0 && peer[0] instanceof X509Certificate x) {
          fingerprint = PinnedCertificates.fingerprint(x);
        }
      }
    } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
      fingerprint = null;
    }
    if (fingerprint == null) {
      call.close(Status.UNAUTHENTICATED.withDescription("a pinned client certificate is required"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(KEY, fingerprint), call, headers, next);
  }
}
