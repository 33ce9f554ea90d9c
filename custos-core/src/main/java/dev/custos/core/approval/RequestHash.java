package dev.custos.core.approval;

import fr.acinq.bitcoin.ByteVector32;

/** The 32-byte hash that names a proposal ({@link Proposal#hash()}); printed as 64 lower-case hex digits. */
public record RequestHash(ByteVector32 value) {
  public RequestHash {
    if (value == null) {
      throw new IllegalArgumentException("request hash must not be null");
    }
  }

  public String hex() {
    return value.toHex();
  }

  @Override
  public String toString() {
    return hex();
  }
}
