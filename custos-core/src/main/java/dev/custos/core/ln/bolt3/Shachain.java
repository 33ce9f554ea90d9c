package dev.custos.core.ln.bolt3;

import dev.custos.core.ln.bolt3.Bolt3Exception.Kind;
import dev.custos.core.secret.SecretBytes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact storage of the per-commitment secrets a peer revealed (BOLT 3 "Efficient
 * Per-commitment Secret Storage"): at most 49 (index, secret) pairs, from which every secret
 * received so far can be derived.
 *
 * <p>Secrets must arrive in strictly descending index order starting at {@code 2^48 - 1};
 * {@link #insert} checks that the new secret derives every stored one ({@code insert_secret})
 * and, on any refusal, changes nothing. Not thread-safe. {@link #close()} zeroizes.
 */
public final class Shachain implements AutoCloseable {
  private static final int BUCKETS = 49;
  private final long[] indexes = new long[BUCKETS];
  private final byte[][] secrets = new byte[BUCKETS][];
  private long nextIndex = PerCommitmentSecrets.MAX_INDEX;
  private boolean exhausted;

  /**
   * How many secrets were received: {@code 2^48} once the last one (index 0) was, which a
   * restored storage can also say.
   */
  public long received() {
    return exhausted ? PerCommitmentSecrets.MAX_INDEX + 1 : PerCommitmentSecrets.MAX_INDEX - nextIndex;
  }

  /**
   * The index the next {@link #insert} must carry.
   *
   * @throws IllegalStateException when all 2^48 secrets were received (see {@link #received})
   */
  public long nextIndex() {
    if (exhausted) {
      throw new IllegalStateException("all 2^48 secrets were received");
    }
    return nextIndex;
  }

  /**
   * Stores the secret for {@code index} after checking it derives every earlier secret.
   *
   * @throws Bolt3Exception {@code SECRET_INDEX_OUT_OF_RANGE}, {@code SECRET_OUT_OF_ORDER} or
   *     {@code SECRET_MISMATCH} (the peer's secrets do not come from one seed)
   */
  public void insert(long index, SecretBytes secret) throws Bolt3Exception {
    PerCommitmentSecrets.checkIndex(index);
    if (secret.length() != 32) {
      throw new IllegalArgumentException("per-commitment secret must be 32 bytes, got " + secret.length());
    }
    if (exhausted || index != nextIndex) {
      throw new Bolt3Exception(Kind.SECRET_OUT_OF_ORDER,
          "secret index " + index + " received, expected " + (exhausted ? "none (all received)" : nextIndex));
    }
    int bucket = bucketOf(index);
    byte[] candidate = secret.copy();
    for (int b = 0; b < bucket; b++) {
      if (secrets[b] == null) {
        continue;
      }
      byte[] derived = PerCommitmentSecrets.derive(candidate, bucket, indexes[b]);
      boolean same = MessageDigest.isEqual(derived, secrets[b]);
      Arrays.fill(derived, (byte) 0);
      if (!same) {
        Arrays.fill(candidate, (byte) 0);
        throw new Bolt3Exception(Kind.SECRET_MISMATCH,
            "secret for index " + index + " does not derive the stored secret for index " + indexes[b]);
      }
    }
    if (secrets[bucket] != null) {
      Arrays.fill(secrets[bucket], (byte) 0);
    }
    secrets[bucket] = candidate;
    indexes[bucket] = index;
    if (index == 0) {
      exhausted = true;
    } else {
      nextIndex = index - 1;
    }
  }

  /**
   * The received secret for {@code index} ({@code derive_old_secret}); the caller closes it.
   *
   * @throws Bolt3Exception {@code SECRET_INDEX_OUT_OF_RANGE} or {@code SECRET_UNKNOWN}
   */
  public SecretBytes lookup(long index) throws Bolt3Exception {
    PerCommitmentSecrets.checkIndex(index);
    for (int b = 0; b < BUCKETS; b++) {
      if (secrets[b] == null) {
        continue;
      }
      long mask = ~((1L << b) - 1);
      if ((index & mask) == indexes[b]) {
        return SecretBytes.takeOwnership(PerCommitmentSecrets.derive(secrets[b], b, index));
      }
    }
    throw new Bolt3Exception(Kind.SECRET_UNKNOWN, "no secret for index " + index + " was received");
  }

  /**
   * The stored pairs, smallest bucket first: the compact form to persist (at most 49 entries). The
   * caller closes each secret.
   */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (int b = 0; b < BUCKETS; b++) {
      if (secrets[b] != null) {
        out.add(new Entry(indexes[b], SecretBytes.copyOf(secrets[b])));
      }
    }
    return out;
  }

  /**
   * Rebuilds the storage from {@link #entries()}: each index must sit in its own bucket, and every
   * stored secret derivable from another must equal what that one derives (so a restored chain
   * answers {@link #lookup} consistently). The next expected index is one below the smallest.
   * The entries' secrets are copied; the caller still closes them.
   *
   * @throws Bolt3Exception {@code SECRET_INDEX_OUT_OF_RANGE}, {@code SECRET_OUT_OF_ORDER} (two
   *     entries in one bucket) or {@code SECRET_MISMATCH}
   */
  public static Shachain restore(List<Entry> entries) throws Bolt3Exception {
    Shachain chain = new Shachain();
    long smallest = -1;
    try {
      for (Entry e : entries) {
        PerCommitmentSecrets.checkIndex(e.index());
        if (e.secret().length() != 32) {
          throw new IllegalArgumentException("per-commitment secret must be 32 bytes, got " + e.secret().length());
        }
        int bucket = bucketOf(e.index());
        if (chain.secrets[bucket] != null) {
          throw new Bolt3Exception(Kind.SECRET_OUT_OF_ORDER, "two stored secrets share bucket " + bucket);
        }
        chain.secrets[bucket] = e.secret().copy();
        chain.indexes[bucket] = e.index();
        smallest = smallest < 0 ? e.index() : Math.min(smallest, e.index());
      }
      chain.checkDerivations();
    } catch (Bolt3Exception | RuntimeException e) {
      chain.close();
      throw e;
    }
    if (smallest == 0) {
      chain.exhausted = true;
    } else if (smallest > 0) {
      chain.nextIndex = smallest - 1;
    }
    return chain;
  }

  private void checkDerivations() throws Bolt3Exception {
    for (int high = 1; high < BUCKETS; high++) {
      if (secrets[high] == null) {
        continue;
      }
      for (int low = 0; low < high; low++) {
        if (secrets[low] == null || (indexes[low] >>> high) != (indexes[high] >>> high)) {
          continue;
        }
        byte[] derived = PerCommitmentSecrets.derive(secrets[high], high, indexes[low]);
        boolean same = MessageDigest.isEqual(derived, secrets[low]);
        Arrays.fill(derived, (byte) 0);
        if (!same) {
          throw new Bolt3Exception(Kind.SECRET_MISMATCH,
              "stored secret for index " + indexes[high] + " does not derive the stored secret for index " + indexes[low]);
        }
      }
    }
  }

  /** One stored (index, secret) pair of the compact storage. */
  public record Entry(long index, SecretBytes secret) {}

  private static int bucketOf(long index) {
    return index == 0 ? 48 : Long.numberOfTrailingZeros(index);
  }

  @Override
  public void close() {
    for (int b = 0; b < BUCKETS; b++) {
      if (secrets[b] != null) {
        Arrays.fill(secrets[b], (byte) 0);
        secrets[b] = null;
      }
    }
  }

  @Override
  public String toString() {
    return "Shachain[nextIndex=" + (exhausted ? "none" : nextIndex) + "]";
  }
}
