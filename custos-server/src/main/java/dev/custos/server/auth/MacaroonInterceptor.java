package dev.custos.server.auth;

import dev.custos.server.status.RpcFailure;
import dev.custos.server.status.StatusMapper;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates every call before it reaches a service, as LND does: the metadata key {@code
 * macaroon} must carry exactly one value ("expected 1 macaroon, got N"), hex in either case; the
 * method must have an entry in the {@link PermissionTable} (otherwise refused); then the {@link
 * RequestAuthenticator} verifies the macaroon against the required permissions. Every refusal is
 * UNAUTHENTICATED, mapped by {@link StatusMapper}; the service is never invoked.
 */
public final class MacaroonInterceptor implements ServerInterceptor {
  /** The metadata key LND reads; lncli and LND's REST proxy ({@code Grpc-Metadata-macaroon}) send it. */
  public static final Metadata.Key<String> MACAROON = Metadata.Key.of("macaroon", Metadata.ASCII_STRING_MARSHALLER);
  /** Twice LND's largest default macaroon, with room for caveats; more is refused unread. */
  static final int MAX_HEX_CHARS = 16 * 1024;

  private final PermissionTable table;
  private final RequestAuthenticator authenticator;

  public MacaroonInterceptor(PermissionTable table, RequestAuthenticator authenticator) {
    this.table = table;
    this.authenticator = authenticator;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<Caller> caller;
    try {
      caller = authorize(method, headers, remote(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
    } catch (RuntimeException e) {
      StatusException status = StatusMapper.toStatus(e);
      call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    if (caller.isEmpty()) {
      return next.startCall(call, headers);
    }
    Context context = Context.current().withValue(Caller.KEY, caller.get())
        .withValue(PresentedMacaroon.KEY, new PresentedMacaroon(macaroon(headers)));
    return Contexts.interceptCall(context, call, headers, next);
  }

  /** The caller, or empty for an open method. */
  private Optional<Caller> authorize(String method, Metadata headers, Optional<InetAddress> remote) {
    AccessRule rule = table.rule(method)
        .orElseThrow(() -> new RpcFailure.Unauthenticated("permission denied: " + method + " has no entry in the permission table"));
    return switch (rule) {
      case AccessRule.Open open -> Optional.empty();
      case AccessRule.Requires requires -> {
        byte[] macaroon = macaroon(headers);
        yield switch (authenticator.authenticate(macaroon, method, requires.permissions(), remote)) {
          case AuthResult.Granted g -> Optional.of(new Caller(g.credential()));
          case AuthResult.Denied d -> throw new RpcFailure.Unauthenticated(d.message());
        };
      }
    };
  }

  private static byte[] macaroon(Metadata headers) {
    List<String> values = new ArrayList<>();
    Iterable<String> all = headers.getAll(MACAROON);
    if (all != null) {
      all.forEach(values::add);
    }
    if (values.size() != 1) {
      throw new RpcFailure.Unauthenticated("expected 1 macaroon, got " + values.size());
    }
    String hex = values.getFirst().strip();
    if (hex.isEmpty()) {
      throw new RpcFailure.Unauthenticated("macaroon is empty");
    }
    if (hex.length() > MAX_HEX_CHARS) {
      throw new RpcFailure.Unauthenticated("macaroon is longer than " + MAX_HEX_CHARS + " hex digits");
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new RpcFailure.Unauthenticated("macaroon is not hex");
    }
  }

  private static Optional<InetAddress> remote(SocketAddress address) {
    return address instanceof InetSocketAddress inet && inet.getAddress() != null ? Optional.of(inet.getAddress()) : Optional.empty();
  }
}
