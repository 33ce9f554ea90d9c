package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The global map of a PSBT.
 *
 * @param unsignedTx PSBT_GLOBAL_UNSIGNED_TX: present in version 0 only (inputs with empty
 *     scriptSigs and witnesses)
 * @param xpubs PSBT_GLOBAL_XPUB: 78-byte serialized extended public key to its origin
 * @param txVersion PSBT_GLOBAL_TX_VERSION (version 2; for version 0 the unsigned tx's version),
 *     as the unsigned 32-bit value bitcoin-kmp's {@code Transaction.version} uses
 * @param fallbackLocktime PSBT_GLOBAL_FALLBACK_LOCKTIME (version 2 only)
 * @param txModifiable PSBT_GLOBAL_TX_MODIFIABLE flags (version 2 only)
 * @param other fields kept verbatim (proprietary, unknown)
 */
public record PsbtGlobal(
    Optional<Transaction> unsignedTx,
    Map<ByteVector, KeyOrigin> xpubs,
    long txVersion,
    OptionalLong fallbackLocktime,
    OptionalInt txModifiable,
    List<RawEntry> other) {
  public PsbtGlobal {
    xpubs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(xpubs));
    other = List.copyOf(other);
  }
}
