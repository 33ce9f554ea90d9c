package dev.custos.core.policy;

import fr.acinq.bitcoin.ByteVector;

/**
 * One allow- or deny-listed output script, with a label for reasons ("address bc1q...",
 * "book exchanges: bc1q...", "descriptor wpkh(...)/0/17").
 */
public record Destination(ByteVector script, String label) {
  public Destination {
    if (script == null || label == null) {
      throw new IllegalArgumentException("destination needs a script and a label");
    }
  }
}
