package dev.custos.server.auth;

import dev.custos.server.status.RpcFailure;
import dev.custos.server.status.StatusMapper;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusException;
import java.util.function.BooleanSupplier;

/**
 * Refuses every call of the service it guards while the server is locked, before the macaroon is
 * looked at: the macaroon root keys are sealed under a key derived from the seed, so a locked
 * server cannot verify a macaroon (LND's WalletUnlocker model). The refusal is {@link
 * RpcFailure.WalletLocked} ("wallet locked: call Unlock first"), mapped by {@link StatusMapper}.
 * Install it as the outermost interceptor of {@code custos.v1.Custos}; the Unlocker and health
 * services are not guarded.
 */
public final class LockGate implements ServerInterceptor {
  private final BooleanSupplier unlocked;

  public LockGate(BooleanSupplier unlocked) {
    this.unlocked = unlocked;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (unlocked.getAsBoolean()) {
      return next.startCall(call, headers);
    }
    StatusException status = StatusMapper.toStatus(new RpcFailure.WalletLocked());
    call.close(status.getStatus(), new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
