package dev.custos.server.status;

import dev.custos.core.sign.SigningRefusedException;
import dev.custos.service.approval.ApprovalException;
import dev.custos.service.cosigner.CosignerRefusedException;
import dev.custos.service.keystore.KeystoreException;
import dev.custos.service.signing.NothingToSignException;
import dev.custos.store.StoreException;
import dev.custos.store.StoreUncheckedException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC statuses (docs/server.md, "Status mapping").
 *
 * <ul>
 *   <li>{@link RpcFailure.InvalidArgument} → INVALID_ARGUMENT "field: problem"; a PSBT with no
 *       input of this wallet → INVALID_ARGUMENT "psbt: ..."
 *   <li>{@link RpcFailure.PolicyDenied} → PERMISSION_DENIED, tags in the trailer {@link #POLICY_TAGS}
 *   <li>a signer safety refusal → PERMISSION_DENIED "refused to sign: ..." (no tags)
 *   <li>a FROST cosigner refusal → FAILED_PRECONDITION "tag: ...", tag in {@link #COSIGNER_REFUSAL}
 *   <li>an unusable keystore at Unlock → FAILED_PRECONDITION "keystore: ..."
 *   <li>a refused approval ({@link ApprovalException} REFUSED) → PERMISSION_DENIED "approval refused:
 *       <quorum tag>: ...", tag in {@link #APPROVAL_REFUSAL}; an unknown proposal id → NOT_FOUND; a
 *       closed proposal or no admin set → FAILED_PRECONDITION; a malformed set → INVALID_ARGUMENT
 *   <li>{@link RpcFailure.PendingApproval} → FAILED_PRECONDITION, request id in the message and in
 *       the trailer {@link #APPROVAL_REQUEST}, tags in {@link #POLICY_TAGS}
 *   <li>{@link RpcFailure.WalletLocked}, {@link RpcFailure.AlreadyUnlocked}, {@link
 *       RpcFailure.AppliedPolicyUnreadable} → FAILED_PRECONDITION
 *   <li>{@link RpcFailure.Unauthenticated}, {@link RpcFailure.WrongPassphrase} → UNAUTHENTICATED
 *   <li>{@link RpcFailure.UnlockInProgress} → ABORTED
 *   <li>{@link RpcFailure.PermissionDenied} → PERMISSION_DENIED (no tags)
 *   <li>store failures → UNAVAILABLE, anything else → INTERNAL: a generic message with an incident
 *       id; the details go to the server log only
 * </ul>
 * A status never carries a cause, an exception class name or a stack trace.
 */
public final class StatusMapper {
  /** Trailer: one value per policy tag of a denial or a pending approval. */
  public static final Metadata.Key<String> POLICY_TAGS = Metadata.Key.of("custos-policy-tags", Metadata.ASCII_STRING_MARSHALLER);
  /** Trailer: the id of the approval request a PENDING_APPROVAL decision recorded. */
  public static final Metadata.Key<String> APPROVAL_REQUEST = Metadata.Key.of("custos-approval-request", Metadata.ASCII_STRING_MARSHALLER);

  /** Trailer: the tag of a FROST cosigner's refusal (docs/frost.md). */
  public static final Metadata.Key<String> COSIGNER_REFUSAL = Metadata.Key.of("custos-cosigner-refusal", Metadata.ASCII_STRING_MARSHALLER);

  /** Trailer: the quorum tag of a refused approval (docs/approvals.md, "Quorum rules"). */
  public static final Metadata.Key<String> APPROVAL_REFUSAL = Metadata.Key.of("custos-approval-refusal", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger LOG = LoggerFactory.getLogger(StatusMapper.class);
  private static final SecureRandom INCIDENTS = new SecureRandom();

  private StatusMapper() {}

  /** The status (and trailers) a client sees for {@code failure}. */
  public static StatusException toStatus(Throwable failure) {
    return switch (failure) {
      case RpcFailure f -> expected(f);
      case NothingToSignException e -> plain(Status.INVALID_ARGUMENT, "psbt: " + e.getMessage());
      case SigningRefusedException e -> plain(Status.PERMISSION_DENIED, "refused to sign: " + e.getMessage());
      case CosignerRefusedException e -> {
        Metadata trailers = new Metadata();
        trailers.put(COSIGNER_REFUSAL, e.refusal().tag());
        yield new StatusException(Status.FAILED_PRECONDITION.withDescription(e.getMessage()), trailers);
      }
      case ApprovalException e -> approval(e);
      // Unlock found the data directory unusable (wallet.json does not match the seed, ...).
      case KeystoreException e -> plain(Status.FAILED_PRECONDITION, "keystore: " + e.getMessage());
      // A failure raised inside a store transaction: the store rolled back and wrapped it.
      case StoreException e when e.getCause() instanceof RpcFailure f -> expected(f);
      case StoreException e -> incident(Status.UNAVAILABLE, "store unavailable: nothing was signed or changed", e);
      case StoreUncheckedException e -> incident(Status.UNAVAILABLE, "store unavailable: nothing was signed or changed", e);
      // Raised by gRPC itself (e.g. writing to a cancelled call): its own status, never a cause.
      case StatusRuntimeException e -> new StatusException(Status.fromCode(e.getStatus().getCode())
          .withDescription(e.getStatus().getDescription()));
      default -> incident(Status.INTERNAL, "internal error", failure);
    };
  }

  private static StatusException expected(RpcFailure failure) {
    return switch (failure) {
      case RpcFailure.InvalidArgument f -> plain(Status.INVALID_ARGUMENT, f.getMessage());
      case RpcFailure.PolicyDenied f -> {
        Metadata trailers = new Metadata();
        f.tags().forEach(t -> trailers.put(POLICY_TAGS, t));
        yield new StatusException(Status.PERMISSION_DENIED.withDescription(f.getMessage()), trailers);
      }
      case RpcFailure.PendingApproval f -> {
        Metadata trailers = new Metadata();
        trailers.put(APPROVAL_REQUEST, f.requestId());
        f.tags().forEach(t -> trailers.put(POLICY_TAGS, t));
        yield new StatusException(Status.FAILED_PRECONDITION.withDescription(f.getMessage()), trailers);
      }
      case RpcFailure.WalletLocked f -> plain(Status.FAILED_PRECONDITION, f.getMessage());
      case RpcFailure.AlreadyUnlocked f -> plain(Status.FAILED_PRECONDITION, f.getMessage());
      case RpcFailure.WrongPassphrase f -> plain(Status.UNAUTHENTICATED, f.getMessage());
      case RpcFailure.UnlockInProgress f -> plain(Status.ABORTED, f.getMessage());
      case RpcFailure.PermissionDenied f -> plain(Status.PERMISSION_DENIED, f.getMessage());
      case RpcFailure.AppliedPolicyUnreadable f -> plain(Status.FAILED_PRECONDITION, f.getMessage());
      case RpcFailure.Unauthenticated f -> plain(Status.UNAUTHENTICATED, f.getMessage());
    };
  }

  /** A quorum call that did nothing (a refusal also wrote its audit record). */
  private static StatusException approval(ApprovalException e) {
    return switch (e.kind()) {
      case REFUSED -> {
        Metadata trailers = new Metadata();
        e.tag().ifPresent(t -> trailers.put(APPROVAL_REFUSAL, t.id()));
        yield new StatusException(Status.PERMISSION_DENIED.withDescription("approval refused: " + e.getMessage()), trailers);
      }
      case NOT_FOUND -> plain(Status.NOT_FOUND, e.getMessage());
      case INVALID -> plain(Status.INVALID_ARGUMENT, e.getMessage());
      case CLOSED -> plain(Status.FAILED_PRECONDITION, e.getMessage());
    };
  }

  private static StatusException plain(Status status, String description) {
    return new StatusException(status.withDescription(description));
  }

  private static StatusException incident(Status status, String description, Throwable cause) {
    byte[] id = new byte[6];
    INCIDENTS.nextBytes(id);
    String incident = HexFormat.of().formatHex(id);
    LOG.error("incident {} ({}): {}", incident, status.getCode(), cause.getClass().getName(), cause);
    return plain(status, description + " (incident " + incident + ")");
  }
}
