package dev.custos.core.policy;

import dev.custos.core.analysis.PsbtAnalysis;
import dev.custos.core.psbt.Psbt;
import java.time.Instant;

/**
 * What the policy judges: a PSBT and its analysis (computed with the wallet, so change is
 * verified), the wallet and the credential that asked, and the effective time.
 *
 * @param walletId the wallet's id (its master fingerprint in hex)
 * @param credential who asked: an API credential id, or {@code local:<user>} for the CLI
 * @param now effective time: never earlier than any time already recorded (a clock that jumps
 *     backwards does not reopen a window)
 */
public record SpendRequest(Psbt psbt, PsbtAnalysis analysis, String walletId, String credential, Instant now) {
  public SpendRequest {
    if (psbt == null || analysis == null || walletId == null || credential == null || now == null) {
      throw new IllegalArgumentException("spend request is incomplete");
    }
  }
}
