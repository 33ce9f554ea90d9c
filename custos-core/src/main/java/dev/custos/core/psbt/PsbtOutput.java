package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One output map of a PSBT (BIP174, BIP370, BIP371).
 *
 * @param amount PSBT_OUT_AMOUNT in satoshis (version 2 only; version 0 takes it from the tx)
 * @param script PSBT_OUT_SCRIPT (version 2 only)
 * @param tapTree PSBT_OUT_TAP_TREE, the raw value (depth, leaf version, script)*
 * @param other fields kept verbatim: proprietary and unknown entries, and BIP32_DERIVATION
 *     entries keyed by a 65-byte uncompressed public key
 */
public record PsbtOutput(
    Optional<ByteVector> redeemScript,
    Optional<ByteVector> witnessScript,
    Map<PublicKey, KeyOrigin> bip32Derivations,
    OptionalLong amount,
    Optional<ByteVector> script,
    Optional<XonlyPublicKey> tapInternalKey,
    Optional<ByteVector> tapTree,
    Map<XonlyPublicKey, TapKeyOrigin> tapBip32Derivations,
    List<RawEntry> other) {
  public PsbtOutput {
    bip32Derivations = Collections.unmodifiableMap(new LinkedHashMap<>(bip32Derivations));
    tapBip32Derivations = Collections.unmodifiableMap(new LinkedHashMap<>(tapBip32Derivations));
    other = List.copyOf(other);
  }
}
