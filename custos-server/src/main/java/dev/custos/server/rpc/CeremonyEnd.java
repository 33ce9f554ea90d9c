package dev.custos.server.rpc;

import java.util.concurrent.CompletableFuture;

/**
 * The last step of a ceremony on a participant: persist its result, and only then complete the
 * participant's outcome with it. If persisting fails, the outcome completes with that failure and
 * the failure propagates (the reply to the relay is an error); the result is never reported as
 * done without having been written.
 */
final class CeremonyEnd {
  private CeremonyEnd() {}

  /** Writes the ceremony's result (seals the share, writes the group file). */
  @FunctionalInterface
  interface Persist {
    void run() throws Exception;
  }

  static <T> void persistThenComplete(CompletableFuture<T> outcome, Persist persist, T result) throws Exception {
    try {
      persist.run();
    } catch (Exception e) {
      outcome.completeExceptionally(e);
      throw e;
    }
    outcome.complete(result);
  }
}
