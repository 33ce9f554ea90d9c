package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;

/**
 * BIP371 PSBT_IN_TAP_LEAF_SCRIPT: a control block (key data) with the leaf script and its leaf
 * version (value). The control block is 33 + 32*m bytes, m in [0, 128].
 */
public record TapLeafScript(ByteVector controlBlock, ByteVector script, int leafVersion) {
  public TapLeafScript {
    if (controlBlock == null || script == null) {
      throw new IllegalArgumentException("control block and script are required");
    }
  }
}
