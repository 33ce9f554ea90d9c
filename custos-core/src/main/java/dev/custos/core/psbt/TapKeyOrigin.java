package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector32;
import java.util.List;

/**
 * BIP371 PSBT_IN_TAP_BIP32_DERIVATION / PSBT_OUT_TAP_BIP32_DERIVATION value: the leaf hashes the
 * x-only key appears in (empty for a key-path-only key) and its origin.
 */
public record TapKeyOrigin(List<ByteVector32> leafHashes, KeyOrigin origin) {
  public TapKeyOrigin {
    leafHashes = List.copyOf(leafHashes);
    if (origin == null) {
      throw new IllegalArgumentException("origin must not be null");
    }
  }
}
