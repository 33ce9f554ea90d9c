package dev.custos.core.macaroon;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * An LND macaroon identifier: {@code 0x03 || protobuf MacaroonId{bytes nonce = 1; bytes storageId
 * = 2; repeated Op ops = 3}} with {@code Op{string entity = 1; repeated string actions = 2}}, as
 * macaroon-bakery v2 ({@code macaroonpb}, {@code Oven.NewMacaroon}) writes it for LND.
 *
 * <p>The operations are canonical as bakery's {@code CanonicalOps} leaves them (sorted by entity
 * then action, by UTF-8 bytes, without duplicates) and are encoded grouped by entity, one
 * {@code Op} per entity with its actions in order ({@code macaroonIdOps}). The storage id is the
 * root key id (LND's default is the ASCII {@code "0"}); deleting the root key revokes every
 * macaroon minted under it.
 *
 * @param nonce random bytes that make each identifier unique (16 in bakery)
 * @param storageId the root key id the signing root key is stored under
 * @param ops the granted operations, canonical order; may be empty, but then it authorizes nothing
 */
public record MacaroonId(byte[] nonce, byte[] storageId, List<Permission> ops) {
  /** The identifier version byte of bakery's {@code Version3}, which LND uses. */
  public static final int VERSION = 3;
  public static final int NONCE_BYTES = 16;
  /** The location LND writes into its macaroons; not signed and not checked on verification. */
  public static final String LND_LOCATION = "lnd";

  public MacaroonId {
    if (nonce == null || storageId == null || ops == null) {
      throw new IllegalArgumentException("macaroon id needs a nonce, a storage id and operations");
    }
    nonce = nonce.clone();
    storageId = storageId.clone();
    ops = List.copyOf(new TreeSet<>(ops));
  }

  /** A fresh identifier with a 16-byte nonce from {@code random}, as bakery mints one. */
  public static MacaroonId create(byte[] storageId, Collection<Permission> ops, SecureRandom random) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    return new MacaroonId(nonce, storageId, List.copyOf(ops));
  }

  /** {@code 0x03 || protobuf}; the bytes LND's bakery produces for the same fields. */
  public byte[] encode() {
    return MacaroonIdCodec.encode(this);
  }

  /**
   * Decodes an identifier strictly: version 3, only the three known fields in field order, each
   * length-delimited and non-empty when present (proto3 omits empty ones), minimal varints, UTF-8
   * strings, operations in canonical order, nothing trailing. So a decoded id re-encodes to the
   * same bytes.
   */
  public static MacaroonId decode(byte[] identifier) throws MacaroonFormatException {
    return MacaroonIdCodec.decode(identifier);
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] storageId() {
    return storageId.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MacaroonId other
        && Arrays.equals(nonce, other.nonce)
        && Arrays.equals(storageId, other.storageId)
        && ops.equals(other.ops);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(nonce) + Arrays.hashCode(storageId)) + ops.hashCode();
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return "MacaroonId[nonce=" + hex.formatHex(nonce) + ", storageId=" + hex.formatHex(storageId) + ", ops=" + ops + "]";
  }
}
