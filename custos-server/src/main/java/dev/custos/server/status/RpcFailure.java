package dev.custos.server.status;

import java.util.List;

/**
 * The closed set of failures a Custos RPC reports on purpose. Each becomes one gRPC status in
 * {@link StatusMapper}, the only place that builds statuses; everything else (store failures,
 * signer refusals, bugs) is mapped there too. Messages name fields, tags and ids, never secrets.
 */
public abstract sealed class RpcFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private RpcFailure(String message) {
    super(message, null, false, false);
  }

  /** A request field is missing or malformed: INVALID_ARGUMENT "field: problem". */
  public static final class InvalidArgument extends RpcFailure {
    private static final long serialVersionUID = 1L;

    public InvalidArgument(String field, String problem) {
      super(field + ": " + problem);
    }
  }

  /** The policy denied the request: PERMISSION_DENIED with the deny tags. */
  public static final class PolicyDenied extends RpcFailure {
    private static final long serialVersionUID = 1L;
    private final List<String> tags;

    /** @param findings one "tag: reason" line per deny finding, in decision order */
    public PolicyDenied(List<String> tags, List<String> findings) {
      super("denied by policy: " + String.join("; ", findings));
      this.tags = List.copyOf(tags);
    }

    public List<String> tags() {
      return tags;
    }
  }

  /** The request waits for approvers; it is recorded under {@code requestId}: FAILED_PRECONDITION. */
  public static final class PendingApproval extends RpcFailure {
    private static final long serialVersionUID = 1L;
    private final String requestId;
    private final List<String> tags;

    public PendingApproval(String requestId, List<String> tags) {
      super("pending approval: request " + requestId + " needs approval (" + String.join(" ", tags)
          + "); recorded, nothing signed");
      this.requestId = requestId;
      this.tags = List.copyOf(tags);
    }

    public String requestId() {
      return requestId;
    }

    public List<String> tags() {
      return tags;
    }
  }

  /** The server runs without its passphrase: it can check, not sign. FAILED_PRECONDITION. */
  public static final class WalletLocked extends RpcFailure {
    private static final long serialVersionUID = 1L;

    public WalletLocked() {
      super("wallet locked: the server was started without the passphrase, so it cannot sign");
    }
  }

  /** The policy in force no longer parses; the node fails closed. FAILED_PRECONDITION. */
  public static final class AppliedPolicyUnreadable extends RpcFailure {
    private static final long serialVersionUID = 1L;

    public AppliedPolicyUnreadable(String problem) {
      super("the applied policy no longer parses (" + problem + "): nothing signed; apply a valid policy");
    }
  }

  /** The macaroon is missing, malformed, invalid or lacks a permission: UNAUTHENTICATED. */
  public static final class Unauthenticated extends RpcFailure {
    private static final long serialVersionUID = 1L;

    public Unauthenticated(String message) {
      super(message);
    }
  }
}
