package dev.custos.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.approval.QuorumTag;
import dev.custos.service.approval.ApprovalException;
import dev.custos.store.StoreException;
import dev.custos.store.StoreUncheckedException;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures that end-to-end tests cannot provoke cheaply: store outages, bugs, wrapped failures. */
class StatusMapperTest {
  @Test
  void aStoreFailureIsUnavailableWithoutItsDetails() {
    StatusException s = StatusMapper.toStatus(new StoreException("sqlite: disk I/O error at /secret/path/custos.db"));
    assertThat(s.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(s.getStatus().getDescription()).matches("store unavailable: nothing was signed or changed \\(incident [0-9a-f]{12}\\)");
    assertThat(s.getStatus().getCause()).isNull();
    assertThat(StatusMapper.toStatus(new StoreUncheckedException(new StoreException("x"))).getStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void aBugIsInternalWithNoClassNameAndNoCause() {
    StatusException s = StatusMapper.toStatus(new NullPointerException("Cannot invoke \"Object.toString()\""));
    assertThat(s.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(s.getStatus().getDescription()).startsWith("internal error (incident ").doesNotContain("NullPointer", "invoke");
    assertThat(s.getStatus().getCause()).isNull();
  }

  @Test
  void aFailureRaisedInsideAStoreTransactionKeepsItsOwnStatus() {
    StoreException wrapped = new StoreException("sqlite transaction aborted by AppliedPolicyUnreadable",
        new RpcFailure.AppliedPolicyUnreadable("line 3: unknown key"));
    StatusException s = StatusMapper.toStatus(wrapped);
    assertThat(s.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(s.getStatus().getDescription()).startsWith("the applied policy no longer parses (line 3: unknown key)");
  }

  @Test
  void denialsCarryTheirTagsInTrailers() {
    StatusException s = StatusMapper.toStatus(new RpcFailure.PolicyDenied(List.of("policy-a", "policy-b"),
        List.of("policy-a: too much", "policy-b: too fast")));
    assertThat(s.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(s.getStatus().getDescription()).isEqualTo("denied by policy: policy-a: too much; policy-b: too fast");
    assertThat(s.getTrailers().getAll(StatusMapper.POLICY_TAGS)).containsExactly("policy-a", "policy-b");
  }

  @Test
  void quorumFailuresMapByKindAndARefusalCarriesItsTag() {
    StatusException refused = StatusMapper.toStatus(new ApprovalException(QuorumTag.EXPIRED, "approval-expired: request ab expired"));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refused.getStatus().getDescription()).isEqualTo("approval refused: approval-expired: request ab expired");
    assertThat(refused.getTrailers().get(StatusMapper.APPROVAL_REFUSAL)).isEqualTo("approval-expired");
    assertThat(refused.getTrailers().containsKey(StatusMapper.POLICY_TAGS)).isFalse();
    assertThat(StatusMapper.toStatus(new ApprovalException(ApprovalException.Kind.NOT_FOUND, "no proposal")).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(StatusMapper.toStatus(new ApprovalException(ApprovalException.Kind.INVALID, "bad set")).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    StatusException closed = StatusMapper.toStatus(new ApprovalException(ApprovalException.Kind.CLOSED, "proposal ab is REJECTED"));
    assertThat(closed.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(closed.getStatus().getDescription()).isEqualTo("proposal ab is REJECTED");
  }
}
