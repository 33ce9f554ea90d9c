package dev.custos.core.ln.bolt3;

import dev.custos.core.ln.bolt3.Bolt3Exception.Kind;
import dev.custos.core.secret.SecretBytes;
import java.util.Arrays;

/**
 * Per-commitment secrets from a per-channel seed (BOLT 3 "Per-commitment Secret Requirements"):
 * {@code generate_from_seed(seed, I)} and its generalization {@code derive_secret(base, bits, I)}.
 *
 * <p>The first secret used has index {@code 2^48 - 1} and indexes decrease: commitment number
 * {@code n} uses index {@link #indexOf(long) 2^48 - 1 - n}. The seed must be unguessable and never
 * revealed: knowing it lets the peer derive every revocation key.
 */
public final class PerCommitmentSecrets {
  /** The largest index, {@code 2^48 - 1}: the secret of commitment number 0. */
  public static final long MAX_INDEX = (1L << 48) - 1;

  private PerCommitmentSecrets() {}

  /** The I'th secret of {@code seed} (32 bytes); the caller closes the result. */
  public static SecretBytes generateFromSeed(SecretBytes seed, long index) throws Bolt3Exception {
    checkIndex(index);
    if (seed.length() != 32) {
      throw new IllegalArgumentException("per-commitment seed must be 32 bytes, got " + seed.length());
    }
    return SecretBytes.takeOwnership(seed.use(s -> derive(s, 48, index)));
  }

  /** The secret index that commitment number {@code commitmentNumber} uses. */
  public static long indexOf(long commitmentNumber) {
    if (commitmentNumber < 0 || commitmentNumber > MAX_INDEX) {
      throw new IllegalArgumentException("commitment number must be in [0, 2^48-1], got " + commitmentNumber);
    }
    return MAX_INDEX - commitmentNumber;
  }

  static void checkIndex(long index) throws Bolt3Exception {
    if (index < 0 || index > MAX_INDEX) {
      throw new Bolt3Exception(Kind.SECRET_INDEX_OUT_OF_RANGE, "secret index " + index + " is outside [0, 2^48-1]");
    }
  }

  /**
   * {@code derive_secret(base, bits, I)}: flips and hashes bits {@code bits-1 .. 0} of {@code index}.
   * Returns a fresh array the caller must zeroize; {@code base} is not modified.
   */
  static byte[] derive(byte[] base, int bits, long index) {
    byte[] p = base.clone();
    for (int b = bits - 1; b >= 0; b--) {
      if (((index >>> b) & 1) != 0) {
        p[b / 8] ^= (byte) (1 << (b % 8));
        byte[] next = Sha256.of(p);
        Arrays.fill(p, (byte) 0);
        p = next;
      }
    }
    return p;
  }
}
