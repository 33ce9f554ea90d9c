package dev.custos.core.macaroon;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A third-party caveat: discharged by a macaroon minted by the service at {@code location} with
 * identifier {@code identifier}. The verification id is {@code nonce(24) || secretbox(key =
 * signature so far, plaintext = derived caveat key)}, as go-macaroon and libmacaroons write it; the
 * location is a hint and not signed.
 */
public record ThirdPartyCaveat(byte[] identifier, byte[] verificationId, String location) implements Caveat {

  public ThirdPartyCaveat {
    if (identifier == null || verificationId == null || location == null) {
      throw new IllegalArgumentException("third-party caveat needs an identifier, a verification id and a location");
    }
    if (verificationId.length == 0) {
      throw new IllegalArgumentException("third-party caveat verification id must not be empty");
    }
    identifier = identifier.clone();
    verificationId = verificationId.clone();
  }

  @Override
  public byte[] identifier() {
    return identifier.clone();
  }

  @Override
  public byte[] verificationId() {
    return verificationId.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThirdPartyCaveat other
        && Arrays.equals(identifier, other.identifier)
        && Arrays.equals(verificationId, other.verificationId)
        && location.equals(other.location);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(identifier) + Arrays.hashCode(verificationId)) + location.hashCode();
  }

  @Override
  public String toString() {
    return "ThirdPartyCaveat[location=" + location + ", identifier=" + HexFormat.of().formatHex(identifier)
        + ", verificationId=" + verificationId.length + " bytes]";
  }
}
