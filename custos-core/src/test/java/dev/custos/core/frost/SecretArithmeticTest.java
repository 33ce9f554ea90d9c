package dev.custos.core.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The libsecp256k1-backed secret arithmetic agrees with BigInteger arithmetic mod n on test
 * values, never mutates its inputs (callers zeroize them separately), and refuses zero results.
 */
class SecretArithmeticTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] scalar() {
    return SecretPolynomial.randomScalar(RANDOM);
  }

  private static BigInteger big(byte[] b) {
    return new BigInteger(1, b);
  }

  @Test
  void addMultiplyNegateMatchBigIntegerAndLeaveInputsUntouched() throws FrostException {
    for (int i = 0; i < 50; i++) {
      byte[] a = scalar();
      byte[] b = scalar();
      byte[] a0 = a.clone();
      byte[] b0 = b.clone();
      Scalar k = Scalar.reduce(big(scalar()));
      assertThat(big(SecretArithmetic.add(a, b))).isEqualTo(big(a0).add(big(b0)).mod(Scalar.ORDER));
      assertThat(big(SecretArithmetic.multiply(a, k))).isEqualTo(big(a0).multiply(k.value()).mod(Scalar.ORDER));
      assertThat(big(SecretArithmetic.negate(a))).isEqualTo(big(a0).negate().mod(Scalar.ORDER));
      assertThat(a).isEqualTo(a0);
      assertThat(b).isEqualTo(b0);
    }
  }

  @Test
  void zeroResultsAreRefused() throws FrostException {
    byte[] a = scalar();
    byte[] minusA = SecretArithmetic.negate(a);
    assertThatThrownBy(() -> SecretArithmetic.add(a, minusA))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.IDENTITY_OR_ZERO));
    assertThatThrownBy(() -> SecretArithmetic.multiply(a, Scalar.ZERO))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.IDENTITY_OR_ZERO));
  }

  @Test
  void wideReductionMatchesBigIntegerIncludingZeroParts() throws FrostException {
    for (int i = 0; i < 200; i++) {
      byte[] wide = new byte[48];
      RANDOM.nextBytes(wide);
      if (i % 4 == 1) {
        Arrays.fill(wide, 0, 16, (byte) 0);
      } else if (i % 4 == 2) {
        Arrays.fill(wide, 16, 32, (byte) 0);
      } else if (i % 4 == 3) {
        Arrays.fill(wide, 32, 48, (byte) 0xff);
      }
      assertThat(big(SecretArithmetic.reduceWide(wide))).isEqualTo(big(wide).mod(Scalar.ORDER));
    }
    assertThatThrownBy(() -> SecretArithmetic.reduceWide(new byte[48]))
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.IDENTITY_OR_ZERO));
  }
}
