package dev.custos.cli.client;

import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a gRPC status from the server becomes a CLI exit code (docs/server.md,
 * "Status mapping"): PERMISSION_DENIED → 3 with the policy tags; FAILED_PRECONDITION carrying an
 * approval request id → 4; INVALID_ARGUMENT, NOT_FOUND and UNAUTHENTICATED → 2; everything else (a locked
 * wallet, UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED) → 1. The message is one line.
 */
public final class StatusExits {
  static final Metadata.Key<String> POLICY_TAGS = Metadata.Key.of("custos-policy-tags", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> APPROVAL_REQUEST = Metadata.Key.of("custos-approval-request", Metadata.ASCII_STRING_MARSHALLER);

  private StatusExits() {}

  public static CliException toCli(StatusRuntimeException e, RemoteTarget target) {
    Status s = e.getStatus();
    String description = oneLine(s.getDescription() == null ? s.getCode().name() : s.getDescription());
    Metadata trailers = e.getTrailers() == null ? new Metadata() : e.getTrailers();
    List<String> tags = iterable(trailers.getAll(POLICY_TAGS));
    String server = target.host() + ":" + target.port();
    return switch (s.getCode()) {
      case PERMISSION_DENIED -> new CliException(ExitCode.REFUSED,
          description + (tags.isEmpty() ? "" : " [tags: " + String.join(", ", tags) + "]"));
      case FAILED_PRECONDITION -> trailers.containsKey(APPROVAL_REQUEST)
          ? new CliException(ExitCode.PENDING_APPROVAL, description + " [request " + trailers.get(APPROVAL_REQUEST) + "]")
          : new CliException(ExitCode.INTERNAL, description);
      case INVALID_ARGUMENT, NOT_FOUND -> CliException.badInput(description);
      case UNAUTHENTICATED -> CliException.badInput(server + " rejected the macaroon: " + description);
      case UNAVAILABLE -> new CliException(ExitCode.INTERNAL, server + " unavailable: " + description);
      default -> new CliException(ExitCode.INTERNAL, server + ": " + s.getCode() + ": " + description);
    };
  }

  private static List<String> iterable(Iterable<String> values) {
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    values.forEach(out::add);
    return out;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
