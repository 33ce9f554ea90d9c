package dev.custos.server.rpc;

import dev.custos.server.status.StatusMapper;
import io.grpc.stub.StreamObserver;

/**
 * Runs a unary handler and completes the call: its reply, or the status {@link StatusMapper}
 * makes of whatever it threw. Services never build a status themselves.
 */
final class RpcCalls {
  private RpcCalls() {}

  /** The body of a unary RPC. */
  @FunctionalInterface
  interface Handler<T> {
    T handle() throws Exception;
  }

  static <T> void unary(StreamObserver<T> responses, Handler<T> handler) {
    T reply;
    try {
      reply = handler.handle();
    } catch (Exception e) {
      responses.onError(StatusMapper.toStatus(e));
      return;
    }
    responses.onNext(reply);
    responses.onCompleted();
  }
}
