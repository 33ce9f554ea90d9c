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
 * key {@code discharge-macaroon} carries zero to {@value #MAX_DISCHARGES} discharge macaroons for
 * third-party caveats, one hex v2 macaroon per value; the method must have an entry in the {@link
 * PermissionTable} (otherwise refused); then the {@link RequestAuthenticator} verifies the macaroon
 * and its discharges against the required permissions. Every refusal is UNAUTHENTICATED, mapped
 * by {@link StatusMapper}; the service is never invoked.
 */
public final class MacaroonInterceptor implements ServerInterceptor {
  /** The metadata key LND reads; lncli and LND's REST proxy ({@code Grpc-Metadata-macaroon}) send it. */
  public static final Metadata.Key<String> MACAROON = Metadata.Key.of("macaroon", Metadata.ASCII_STRING_MARSHALLER);
  /** Discharge macaroons for third-party caveats: zero or more values, each one hex v2 macaroon. */
  public static final Metadata.Key<String> DISCHARGE = Metadata.Key.of("discharge-macaroon", Metadata.ASCII_STRING_MARSHALLER);
  /** Twice LND's largest default macaroon, with room for caveats; more is refused unread. */
  static final int MAX_HEX_CHARS = 16 * 1024;
  /** Most discharges one call may carry (each third-party caveat needs one; more is refused unread). */
  public static final int MAX_DISCHARGES = 8;
  /**
   * The request metadata the transport must accept (grpc-java's default is 8 KiB): the macaroon
   * and every discharge at their largest, plus 16 KiB for other headers.
   */
  public static final int MAX_METADATA_BYTES = (1 + MAX_DISCHARGES) * MAX_HEX_CHARS + 16 * 1024;

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
        List<byte[]> discharges = discharges(headers);
        yield switch (authenticator.authenticate(macaroon, discharges, method, requires.permissions(), remote)) {
          case AuthResult.Granted g -> Optional.of(new Caller(g.credential(), g.constraints()));
          case AuthResult.Denied d -> throw new RpcFailure.Unauthenticated(d.message());
        };
      }
    };
  }

  private static byte[] macaroon(Metadata headers) {
    List<String> values = values(headers, MACAROON);
    if (values.size() != 1) {
      throw new RpcFailure.Unauthenticated("expected 1 macaroon, got " + values.size());
    }
    return hex(values.getFirst(), "macaroon");
  }

  private static List<byte[]> discharges(Metadata headers) {
    List<String> values = values(headers, DISCHARGE);
    if (values.size() > MAX_DISCHARGES) {
      throw new RpcFailure.Unauthenticated("expected at most " + MAX_DISCHARGES + " discharge macaroons, got " + values.size());
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      out.add(hex(values.get(i), "discharge macaroon " + i));
    }
    return out;
  }

  private static List<String> values(Metadata headers, Metadata.Key<String> key) {
    List<String> values = new ArrayList<>();
    Iterable<String> all = headers.getAll(key);
    if (all != null) {
      all.forEach(values::add);
    }
    return values;
  }

  private static byte[] hex(String value, String what) {
    String hex = value.strip();
    if (hex.isEmpty()) {
      throw new RpcFailure.Unauthenticated(what + " is empty");
    }
    if (hex.length() > MAX_HEX_CHARS) {
      throw new RpcFailure.Unauthenticated(what + " is longer than " + MAX_HEX_CHARS + " hex digits");
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new RpcFailure.Unauthenticated(what + " is not hex");
    }
  }

  private static Optional<InetAddress> remote(SocketAddress address) {
    return address instanceof InetSocketAddress inet && inet.getAddress() != null ? Optional.of(inet.getAddress()) : Optional.empty();
  }
}
