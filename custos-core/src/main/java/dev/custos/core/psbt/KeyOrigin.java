package dev.custos.core.psbt;

import dev.custos.core.keys.KeyPath;
import java.util.HexFormat;

/**
 * BIP174 key origin: the master key fingerprint (first 4 bytes of HASH160 of the master public
 * key, kept in the byte order it is serialized in) and the derivation path from that master.
 */
public record KeyOrigin(int masterFingerprint, KeyPath path) {
  public KeyOrigin {
    if (path == null) {
      throw new IllegalArgumentException("path must not be null");
    }
  }

  /** Fingerprint as 8 lower-case hex digits, e.g. {@code 73c5da0a} (descriptor key-origin form). */
  public String fingerprintHex() {
    return HexFormat.of().toHexDigits(masterFingerprint);
  }

  @Override
  public String toString() {
    return "[" + fingerprintHex() + (path.depth() == 0 ? "" : "/" + path.toStringNoMaster()) + "]";
  }
}
