package dev.custos.server.rpc;

import dev.custos.core.seal.WrongPassphraseException;
import dev.custos.core.secret.SecretBytes;
import dev.custos.proto.v1.UnlockRequest;
import dev.custos.proto.v1.UnlockResponse;
import dev.custos.proto.v1.UnlockerGrpc;
import dev.custos.server.node.Node;
import dev.custos.server.status.RpcFailure;
import dev.custos.service.keystore.KeystoreException;
import dev.custos.store.StoreException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code custos.v1.Unlocker/Unlock} (LND's WalletUnlocker): opens a server that started locked.
 * Needs no macaroon (a locked server cannot verify one; the passphrase is the credential).
 *
 * <ul>
 *   <li>one attempt at a time: a concurrent attempt is refused ({@link RpcFailure.UnlockInProgress});
 *   <li>a wrong passphrase is audited ({@code key.unlock}, outcome {@code wrong passphrase}), then
 *       answered after {@link UnlockBackoff#after} the number of consecutive failures, still
 *       holding the attempt, so guesses cannot go faster ({@link RpcFailure.WrongPassphrase});
 *   <li>on success the node is unlocked (audited, first-start macaroons baked) and {@code
 *       onUnlocked} runs (health turns SERVING); a second Unlock is {@link RpcFailure.AlreadyUnlocked};
 *   <li>the passphrase is copied into a {@link SecretBytes} zeroized after the attempt, and wiped in
 *       the request message.
 * </ul>
 */
public final class UnlockerService extends UnlockerGrpc.UnlockerImplBase {
  private static final String BY = "Unlock RPC";

  private final Node node;
  private final UnlockBackoff backoff;
  private final Runnable onUnlocked;
  private final ReentrantLock attempt = new ReentrantLock();
  private int failures;

  public UnlockerService(Node node, UnlockBackoff backoff, Runnable onUnlocked) {
    this.node = node;
    this.backoff = backoff;
    this.onUnlocked = onUnlocked;
  }

  @Override
  public void unlock(UnlockRequest request, StreamObserver<UnlockResponse> responses) {
    try {
      RpcCalls.unary(responses, () -> attempt(request));
    } finally {
      PassphraseField.wipe(request.getPassphrase());
    }
  }

  private UnlockResponse attempt(UnlockRequest request) throws KeystoreException, StoreException, IOException {
    if (!attempt.tryLock()) {
      throw new RpcFailure.UnlockInProgress();
    }
    try {
      if (node.unlocked()) {
        throw new RpcFailure.AlreadyUnlocked();
      }
      if (request.getPassphrase().isEmpty()) {
        throw new RpcFailure.InvalidArgument("passphrase", "required (the keystore passphrase, UTF-8 bytes)");
      }
      List<Path> baked;
      try (SecretBytes passphrase = PassphraseField.copy(request.getPassphrase())) {
        baked = node.unlock(passphrase, BY);
      } catch (WrongPassphraseException e) {
        failures++;
        node.auditRefusedUnlock(BY, "wrong passphrase", failures);
        pause(failures);
        throw new RpcFailure.WrongPassphrase(failures);
      }
      failures = 0;
      onUnlocked.run();
      return UnlockResponse.newBuilder().addAllBakedMacaroonFiles(baked.stream().map(p -> p.getFileName().toString()).toList()).build();
    } finally {
      attempt.unlock();
    }
  }

  private void pause(int failures) {
    try {
      Thread.sleep(backoff.after(failures));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
