package dev.custos.core.psbt;

import java.util.List;
import java.util.OptionalLong;

/**
 * BIP370 "Determining Lock Time": the nLockTime of a version 2 PSBT's transaction from
 * PSBT_GLOBAL_FALLBACK_LOCKTIME and the inputs' PSBT_IN_REQUIRED_TIME_LOCKTIME and
 * PSBT_IN_REQUIRED_HEIGHT_LOCKTIME.
 */
final class Bip370LockTime {
  private Bip370LockTime() {}

  /**
   * Returns the lock time, or empty when the inputs that require a lock time do not all accept
   * one common type (some only time-based, others only height-based). Height wins a tie.
   */
  static OptionalLong determine(OptionalLong fallback, List<PsbtInput> inputs) {
    boolean anyRequired = false;
    boolean heightPossible = true;
    boolean timePossible = true;
    long maxHeight = 0;
    long maxTime = 0;
    for (PsbtInput in : inputs) {
      OptionalLong height = in.requiredHeightLocktime();
      OptionalLong time = in.requiredTimeLocktime();
      if (height.isEmpty() && time.isEmpty()) {
        continue;
      }
      anyRequired = true;
      heightPossible &= height.isPresent();
      timePossible &= time.isPresent();
      maxHeight = Math.max(maxHeight, height.orElse(0));
      maxTime = Math.max(maxTime, time.orElse(0));
    }
    if (!anyRequired) {
      return OptionalLong.of(fallback.orElse(0));
    }
    if (heightPossible) {
      return OptionalLong.of(maxHeight);
    }
    if (timePossible) {
      return OptionalLong.of(maxTime);
    }
    return OptionalLong.empty();
  }
}
