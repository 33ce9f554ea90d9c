package dev.custos.server.auth;

import io.grpc.Context;

/**
 * The authenticated caller of the current call, put into the gRPC {@link Context} by {@link
 * MacaroonInterceptor}. Open methods (health) have no caller.
 *
 * @param credential the name decisions and audit records carry
 */
public record Caller(String credential) {
  static final Context.Key<Caller> KEY = Context.key("custos-caller");

  /** The caller of the current call. */
  public static Caller current() {
    Caller c = KEY.get();
    if (c == null) {
      throw new IllegalStateException("no authenticated caller in this context");
    }
    return c;
  }
}
