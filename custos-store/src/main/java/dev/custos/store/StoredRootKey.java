package dev.custos.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A macaroon root key as stored: its id (a macaroon's {@code storageId}), the root key sealed by
 * {@code RootKeyVault} (the store never sees the plain key), when it was created and a free-text
 * label. Equal by content; the arrays are copied in and out.
 */
public record StoredRootKey(byte[] id, byte[] ciphertext, Instant createdAt, String label) {
  public StoredRootKey {
    if (id == null || id.length == 0 || ciphertext == null || ciphertext.length == 0) {
      throw new IllegalArgumentException("a stored root key needs a non-empty id and ciphertext");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(label, "label");
    id = id.clone();
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] id() {
    return id.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredRootKey other
        && Arrays.equals(id, other.id)
        && Arrays.equals(ciphertext, other.ciphertext)
        && createdAt.equals(other.createdAt)
        && label.equals(other.label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(id), Arrays.hashCode(ciphertext), createdAt, label);
  }

  /** The id in hex, time and label; the ciphertext only by its length. */
  @Override
  public String toString() {
    return "StoredRootKey[id=" + HexFormat.of().formatHex(id) + ", ciphertext=" + ciphertext.length + " bytes, createdAt="
        + createdAt + ", label=" + label + "]";
  }
}
