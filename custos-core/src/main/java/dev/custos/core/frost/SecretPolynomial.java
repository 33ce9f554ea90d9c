package dev.custos.core.frost;

import dev.custos.core.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A secret polynomial {@code f(x) = a_0 + a_1 x + ... + a_{t-1} x^{t-1}} over the scalar field
 * (Shamir / Feldman VSS, RFC 9591 Appendix C): {@code a_0} is the secret being shared, {@code t}
 * the threshold. Coefficients are non-zero scalars held in {@link SecretBytes}; evaluation runs in
 * libsecp256k1. Close it as soon as the shares are computed.
 */
public final class SecretPolynomial implements AutoCloseable {
  private final List<SecretBytes> coefficients;

  private SecretPolynomial(List<SecretBytes> coefficients) {
    this.coefficients = coefficients;
  }

  /**
   * Takes ownership of the coefficients {@code a_0 .. a_{t-1}} (each 32 bytes, in (0, n)); on
   * refusal all of them are closed.
   */
  public static SecretPolynomial of(List<SecretBytes> coefficients) throws FrostException {
    boolean valid = !coefficients.isEmpty()
        && coefficients.stream().allMatch(c -> c.length() == 32 && c.use(SecretArithmetic::isValid));
    if (!valid) {
      coefficients.forEach(SecretBytes::close);
      throw new FrostException(FrostException.Kind.MALFORMED_ENCODING, "polynomial coefficients must be 32-byte scalars in (0, n)");
    }
    return new SecretPolynomial(List.copyOf(coefficients));
  }

  /** A random polynomial of degree {@code minSigners - 1} with secret {@code a_0}. */
  public static SecretPolynomial random(int minSigners, SecureRandom random) throws FrostException {
    if (minSigners < 1) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "minSigners must be >= 1, got " + minSigners);
    }
    List<SecretBytes> coefficients = new ArrayList<>();
    for (int i = 0; i < minSigners; i++) {
      coefficients.add(SecretBytes.takeOwnership(randomScalar(random)));
    }
    return of(coefficients);
  }

  /** A uniformly random secret scalar in (0, n), by rejection sampling. */
  static byte[] randomScalar(SecureRandom random) {
    byte[] k = new byte[32];
    do {
      random.nextBytes(k);
    } while (!SecretArithmetic.isValid(k));
    return k;
  }

  /** The threshold {@code t}: the number of coefficients. */
  public int threshold() {
    return coefficients.size();
  }

  /** {@code f(x)} as a new 32-byte secret the caller must zeroize (Horner's rule in libsecp256k1). */
  byte[] evaluate(Identifier x) throws FrostException {
    byte[] acc = coefficients.getLast().copy();
    for (int k = coefficients.size() - 2; k >= 0; k--) {
      byte[] times = SecretArithmetic.multiply(acc, x.value());
      Arrays.fill(acc, (byte) 0);
      byte[] ak = coefficients.get(k).copy();
      try {
        acc = SecretArithmetic.add(times, ak);
      } finally {
        Arrays.fill(times, (byte) 0);
        Arrays.fill(ak, (byte) 0);
      }
    }
    return acc;
  }

  /** The share {@code f(x)} for participant {@code x}. */
  public SigningShare shareFor(Identifier x) throws FrostException {
    return SigningShare.ofOwned(evaluate(x));
  }

  /** A copy of the secret {@code a_0}; the caller must zeroize it. */
  byte[] constantTerm() {
    return coefficients.getFirst().copy();
  }

  /** The Feldman commitment {@code (G*a_0, ..., G*a_{t-1})}. */
  public VssCommitment commitment() throws FrostException {
    List<GroupElement> points = new ArrayList<>();
    for (SecretBytes c : coefficients) {
      byte[] a = c.copy();
      try {
        points.add(GroupElement.generatorTimesSecret(a));
      } finally {
        Arrays.fill(a, (byte) 0);
      }
    }
    return new VssCommitment(points);
  }

  @Override
  public void close() {
    coefficients.forEach(SecretBytes::close);
  }

  @Override
  public String toString() {
    return "SecretPolynomial[t=" + coefficients.size() + ", <secret>]";
  }
}
