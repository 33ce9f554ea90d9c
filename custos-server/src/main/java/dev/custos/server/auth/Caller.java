package dev.custos.server.auth;

import dev.custos.core.macaroon.MacaroonConstraints;
import io.grpc.Context;

/**
 * The authenticated caller of the current call, put into the gRPC {@link Context} by {@link
 * MacaroonInterceptor}. Open methods (health) have no caller.
 *
 * @param credential the name decisions and audit records carry
 * @param constraints the custos-* caveats of the caller's macaroon (and discharges): the PSBT calls
 *     hand them to the signing workflow, which narrows the policy decision with them
 */
public record Caller(String credential, MacaroonConstraints constraints) {
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
