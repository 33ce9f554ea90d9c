package dev.custos.core.frost;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A cosigner's long-lived identity key as a BIP340 x-only public key (32 bytes): it signs the DKG
 * transcript certificate and is the ECDH key that round-two shares are encrypted to. Pinned at
 * DKG; the key is validated as a point of secp256k1 (BIP340 {@code lift_x}) by libsecp256k1.
 */
public final class IdentityPublicKey {
  private final byte[] xOnly;

  private IdentityPublicKey(byte[] xOnly) {
    this.xOnly = xOnly;
  }

  /** Refused unless {@code xOnly} is the 32-byte x-coordinate of a point of secp256k1. */
  public static IdentityPublicKey decode(byte[] xOnly) throws FrostException {
    GroupElement.liftX(xOnly);
    return new IdentityPublicKey(xOnly.clone());
  }

  /** The 32-byte x-only encoding. */
  public byte[] encode() {
    return xOnly.clone();
  }

  /** {@code 02 || x}: the even-y point BIP340 associates with this key, for ECDH. */
  byte[] evenYPoint() {
    byte[] c = new byte[33];
    c[0] = 2;
    System.arraycopy(xOnly, 0, c, 1, 32);
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityPublicKey other && Arrays.equals(xOnly, other.xOnly);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(xOnly);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(xOnly);
  }
}
