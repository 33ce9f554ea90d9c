package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;

/**
 * A PSBT map entry kept verbatim: unknown and proprietary fields, hash preimages, and other
 * fields Custos does not interpret. {@code key} is the whole key (type byte(s) plus key data).
 * Preserved byte for byte when the PSBT is written back (BIP174: unknown keys must be kept).
 */
public record RawEntry(ByteVector key, ByteVector value) {}
