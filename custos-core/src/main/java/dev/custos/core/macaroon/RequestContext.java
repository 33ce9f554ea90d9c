package dev.custos.core.macaroon;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * What caveats are checked against: the time of the request, the peer's address (absent when the
 * transport has none, which fails every {@code ipaddr}/{@code iprange} caveat) and the full gRPC
 * method name (for LND's {@code uri:<method>} permissions), all supplied by the shell.
 */
public record RequestContext(Instant now, Optional<InetAddress> remoteAddress, Optional<String> fullMethod) {
  public RequestContext {
    if (now == null || remoteAddress == null || fullMethod == null) {
      throw new IllegalArgumentException("request context needs a time, and optional address and method");
    }
  }
}
