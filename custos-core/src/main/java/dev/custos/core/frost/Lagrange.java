package dev.custos.core.frost;

import java.util.Collection;
import java.util.HashSet;

/**
 * Lagrange interpolation coefficients over identifiers (public values, BigInteger arithmetic).
 * RFC 9591 §4.2 {@code derive_interpolating_value} is {@link #atZero}; the repairable threshold
 * scheme evaluates at another participant's identifier ({@link #at}).
 */
final class Lagrange {
  private Lagrange() {}

  /** {@code λ_i = Π_{j≠i} x_j / (x_j − x_i)} (RFC 9591 §4.2). */
  static Scalar atZero(Identifier xi, Collection<Identifier> set) throws FrostException {
    return evaluate(Scalar.ZERO, xi, set);
  }

  /** {@code Π_{j≠i} (x − x_j) / (x_i − x_j)}: the coefficient of {@code f(x_i)} in {@code f(x)}. */
  static Scalar at(Identifier x, Identifier xi, Collection<Identifier> set) throws FrostException {
    return evaluate(x.value(), xi, set);
  }

  private static Scalar evaluate(Scalar x, Identifier xi, Collection<Identifier> set) throws FrostException {
    if (!set.contains(xi)) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, xi + " is not in the participant list", xi);
    }
    if (new HashSet<>(set).size() != set.size()) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "participant list has duplicate identifiers");
    }
    Scalar numerator = Scalar.ONE;
    Scalar denominator = Scalar.ONE;
    for (Identifier xj : set) {
      if (xj.equals(xi)) {
        continue;
      }
      numerator = numerator.multiply(x.subtract(xj.value()));
      denominator = denominator.multiply(xi.value().subtract(xj.value()));
    }
    return numerator.multiply(denominator.invert());
  }
}
