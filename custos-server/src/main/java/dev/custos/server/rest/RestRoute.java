package dev.custos.server.rest;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.util.Objects;

/**
 * One REST route: an HTTP method and path bound to one gRPC method of the same contract. The
 * request message is read from the JSON body ({@code POST}) or from the query string ({@code GET}
 * and {@code DELETE}, each parameter a field by its proto name); the response is the same message
 * in JSON.
 *
 * @param httpMethod {@code GET}, {@code POST} or {@code DELETE}
 * @param path exact path, e.g. {@code /v1/psbt/sign}
 * @param grpcMethod the method called through the in-process channel
 * @param requestPrototype the default instance of the request message
 */
record RestRoute(String httpMethod, String path, MethodDescriptor<Message, Message> grpcMethod, Message requestPrototype) {
  RestRoute {
    Objects.requireNonNull(httpMethod, "httpMethod");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(grpcMethod, "grpcMethod");
    Objects.requireNonNull(requestPrototype, "requestPrototype");
  }

  /** True when the body carries the request; otherwise the query string does. */
  boolean bodyCarriesRequest() {
    return httpMethod.equals("POST");
  }

  /** True for a server-streaming method: the reply is JSON lines, one message per line. */
  boolean streams() {
    return grpcMethod.getType() == MethodDescriptor.MethodType.SERVER_STREAMING;
  }
}
