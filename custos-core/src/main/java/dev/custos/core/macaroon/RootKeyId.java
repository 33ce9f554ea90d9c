package dev.custos.core.macaroon;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The id a macaroon root key is stored under: 8 random bytes, written as 16 lowercase hex digits.
 * It is the {@link MacaroonId#storageId()} of every macaroon minted with that root key, so deleting
 * the root key stored under an id revokes exactly those macaroons (docs/macaroons.md, "Revocation
 * by root key id"). Not secret.
 */
public record RootKeyId(byte[] bytes) {
  public static final int BYTES = 8;

  public RootKeyId {
    if (bytes == null || bytes.length != BYTES) {
      throw new IllegalArgumentException("a root key id is " + BYTES + " bytes");
    }
    bytes = bytes.clone();
  }

  /** A fresh id; by default every baked macaroon gets its own, so revocation is per macaroon. */
  public static RootKeyId random(SecureRandom random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new RootKeyId(b);
  }

  /**
   * Parses 16 hex digits (either case).
   *
   * @throws IllegalArgumentException naming the text (at most its first 40 characters)
   */
  public static RootKeyId parse(String hex) {
    if (hex == null || hex.length() != 2 * BYTES || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      String shown = hex == null ? "null" : hex.length() > 40 ? hex.substring(0, 40) + "..." : hex;
      throw new IllegalArgumentException("root key id '" + shown + "' is not " + 2 * BYTES + " hex digits");
    }
    return new RootKeyId(HexFormat.of().parseHex(hex));
  }

  /** The id of {@code storageId} if it has the shape of a Custos root key id (LND's "0" has not). */
  public static Optional<RootKeyId> ofStorageId(byte[] storageId) {
    return storageId.length == BYTES ? Optional.of(new RootKeyId(storageId)) : Optional.empty();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RootKeyId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
