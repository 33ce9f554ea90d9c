package dev.custos.server.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.server.status.StatusMapper;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An error reply of the gateway: the HTTP status and the grpc-gateway style body {@code {"code":
 * <gRPC code number>, "message": "...", "details": []}}, plus the policy tags and approval request
 * id of a denial or pending approval, and the quorum tag of a refused approval. Built from the status the gRPC service returned (mapped in
 * {@link StatusMapper}, the one place) or for a transport problem of the gateway itself. Never
 * carries a cause or a stack trace.
 */
record RestError(int httpStatus, Status.Code code, String message, List<String> policyTags, Optional<String> approvalRequest,
    Optional<String> approvalRefusal) {
  private static final ObjectMapper JSON = new ObjectMapper();

  RestError {
    message = message == null ? "" : message;
    policyTags = List.copyOf(policyTags);
  }

  /** A gateway-level error with no tags. */
  static RestError of(int httpStatus, Status.Code code, String message) {
    return new RestError(httpStatus, code, message, List.of(), Optional.empty(), Optional.empty());
  }

  /** The reply for a status the service returned, with its trailers. */
  static RestError fromStatus(Status status, Metadata trailers) {
    List<String> tags = List.of();
    Optional<String> request = Optional.empty();
    Optional<String> refusal = Optional.empty();
    if (trailers != null) {
      Iterable<String> all = trailers.getAll(StatusMapper.POLICY_TAGS);
      if (all != null) {
        tags = new ArrayList<>();
        for (String t : all) {
          tags.add(t);
        }
      }
      request = Optional.ofNullable(trailers.get(StatusMapper.APPROVAL_REQUEST));
      refusal = Optional.ofNullable(trailers.get(StatusMapper.APPROVAL_REFUSAL));
    }
    return new RestError(httpStatus(status.getCode()), status.getCode(), status.getDescription(), tags, request, refusal);
  }

  /**
   * grpc-gateway's table, except FAILED_PRECONDITION → 409 (pending approval, wallet locked): the
   * request is well-formed, the server's state refuses it for now.
   */
  static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case CANCELLED -> 499;
      case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
      case INVALID_ARGUMENT, OUT_OF_RANGE -> 400;
      case DEADLINE_EXCEEDED -> 504;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED, FAILED_PRECONDITION -> 409;
      case PERMISSION_DENIED -> 403;
      case UNAUTHENTICATED -> 401;
      case RESOURCE_EXHAUSTED -> 429;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
    };
  }

  /** The JSON body. */
  String json() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code.value());
    body.put("message", message);
    body.put("details", List.of());
    if (!policyTags.isEmpty()) {
      body.put("policy_tags", policyTags);
    }
    approvalRequest.ifPresent(r -> body.put("approval_request", r));
    approvalRefusal.ifPresent(r -> body.put("approval_refusal", r));
    try {
      return JSON.writeValueAsString(body) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serializes", e);
    }
  }
}
