package dev.custos.core.psbt;

import fr.acinq.bitcoin.ByteVector;

/**
 * One key-value record of a PSBT map as read from the wire: {@code key} is the whole key (the
 * compact-size type followed by {@code keyData}).
 */
record MapEntry(long type, byte[] keyData, byte[] value, ByteVector key) {
  RawEntry raw() {
    return new RawEntry(key, new ByteVector(value));
  }
}
