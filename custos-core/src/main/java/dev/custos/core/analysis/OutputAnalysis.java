package dev.custos.core.analysis;

import dev.custos.core.sign.ScriptType;
import java.util.Optional;

/**
 * One output as the analysis sees it.
 *
 * @param ownership whether the output verifiably pays this wallet (by derivation)
 * @param path our derivation path, for owned outputs
 * @param claimsWallet a key origin in the PSBT names this wallet's fingerprint (verified or not)
 */
public record OutputAnalysis(
    int index, long amountSat, ScriptType scriptType, Optional<String> address, String scriptHex,
    Ownership ownership, Optional<String> path, boolean claimsWallet) {

  /** How an output relates to the wallet. */
  public enum Ownership {
    /** Pays someone else, or this wallet could not be consulted. */
    EXTERNAL,
    /** Verified ours on the change branch (1). */
    CHANGE,
    /** Verified ours on the receive branch (0): a transfer to self. */
    RECEIVE
  }

  public boolean isOurs() {
    return ownership != Ownership.EXTERNAL;
  }
}
