package dev.custos.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cli.CliException;
import dev.custos.cli.ExitCode;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every gRPC status the server documents (docs/server.md, "Status mapping") becomes the documented exit code and one line. */
class StatusExitsTest {
  private static final RemoteTarget TARGET = new RemoteTarget("127.0.0.1", 10019, Path.of("tls.cert"), Path.of("admin.macaroon"), java.util.List.of());

  private static CliException map(Status status, Metadata trailers) {
    return StatusExits.toCli(status.asRuntimeException(trailers), TARGET);
  }

  @Test
  void permissionDeniedIsRefusedWithEveryTag() {
    Metadata t = new Metadata();
    t.put(StatusExits.POLICY_TAGS, "policy-a");
    t.put(StatusExits.POLICY_TAGS, "policy-b");
    CliException e = map(Status.PERMISSION_DENIED.withDescription("denied by policy: policy-a: x; policy-b: y"), t);
    assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(e.getMessage()).isEqualTo("denied by policy: policy-a: x; policy-b: y [tags: policy-a, policy-b]");
  }

  @Test
  void failedPreconditionIsPendingOnlyWithAnApprovalRequest() {
    Metadata t = new Metadata();
    t.put(StatusExits.APPROVAL_REQUEST, "73c5da0a:ab");
    assertThat(map(Status.FAILED_PRECONDITION.withDescription("pending approval: ..."), t).exitCode()).isEqualTo(ExitCode.PENDING_APPROVAL);
    assertThat(map(Status.FAILED_PRECONDITION.withDescription("wallet locked: ..."), new Metadata()).exitCode()).isEqualTo(ExitCode.INTERNAL);
  }

  @Test
  void invalidArgumentAndUnauthenticatedAreBadInput() {
    assertThat(map(Status.INVALID_ARGUMENT.withDescription("psbt: required"), new Metadata()).exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    CliException e = map(Status.UNAUTHENTICATED.withDescription("expected 1 macaroon, got 0"), new Metadata());
    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(e.getMessage()).isEqualTo("127.0.0.1:10019 rejected the macaroon: expected 1 macaroon, got 0");
  }

  @Test
  void everythingElseIsInternalOnOneLine() {
    CliException e = map(Status.INTERNAL.withDescription("internal error\n(incident 42)"), new Metadata());
    assertThat(e.exitCode()).isEqualTo(ExitCode.INTERNAL);
    assertThat(e.getMessage()).isEqualTo("127.0.0.1:10019: INTERNAL: internal error (incident 42)").doesNotContain("\n");
    assertThat(map(Status.UNAVAILABLE, null).getMessage()).isEqualTo("127.0.0.1:10019 unavailable: UNAVAILABLE");
    assertThat(map(Status.DEADLINE_EXCEEDED, new Metadata()).exitCode()).isEqualTo(ExitCode.INTERNAL);
  }
}
