package dev.custos.server.auth;

import io.grpc.Context;

/**
 * The macaroon the current call presented, exactly the bytes {@link MacaroonInterceptor} verified,
 * put into the gRPC {@link Context} next to the {@link Caller}. Baking reads its operations and
 * first-party caveats so that a baked macaroon never grants more than its baker holds. A bearer
 * credential: never logged or returned.
 */
public final class PresentedMacaroon {
  static final Context.Key<PresentedMacaroon> KEY = Context.key("custos-presented-macaroon");

  private final byte[] bytes;

  PresentedMacaroon(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /** The presented macaroon of the current call. */
  public static PresentedMacaroon current() {
    PresentedMacaroon m = KEY.get();
    if (m == null) {
      throw new IllegalStateException("no verified macaroon in this context");
    }
    return m;
  }

  /** Binary v2, a copy. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "PresentedMacaroon<secret>";
  }
}
