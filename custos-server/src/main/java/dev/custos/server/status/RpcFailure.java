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

  /**
   * The server is locked (started without its passphrase): only {@code Unlocker/Unlock} is served.
   * FAILED_PRECONDITION.
   */
  public static final class WalletLocked extends RpcFailure {
    private static final long serialVersionUID = 1L;

    public WalletLocked() {
      super("wallet locked: call Unlock first");
    }
  }

  /** Unlock on a server that is unlocked already: FAILED_PRECONDITION. */
  public static final class AlreadyUnlocked extends RpcFailure {
    private static final long serialVersionUID = 1L;

    public AlreadyUnlocked() {
      super("wallet already unlocked");
    }
  }

  /** Unlock with a passphrase that does not open the seed: UNAUTHENTICATED. */
  public static final class WrongPassphrase extends RpcFailure {
    private static final long serialVersionUID = 1L;

    /** @param failures consecutive failed attempts so far, including this one */
    public WrongPassphrase(int failures) {
      super("unlock failed: wrong passphrase (or corrupted seed.sealed); " + failures + " consecutive failed attempt"
          + (failures == 1 ? "" : "s") + ", each further failure waits longer");
    }
  }

  /** Another Unlock attempt is running; attempts never run concurrently: ABORTED. */
  public static final class UnlockInProgress extends RpcFailure {
    private static final long serialVersionUID = 1L;

    public UnlockInProgress() {
      super("another unlock attempt is in progress; try again when it has finished");
    }
  }

  /**
   * The caller's macaroon does not allow what it asks (e.g. baking a permission it does not hold):
   * PERMISSION_DENIED, without policy tags.
   */
  public static final class PermissionDenied extends RpcFailure {
    private static final long serialVersionUID = 1L;

    public PermissionDenied(String message) {
      super(message);
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
