package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.ln.bolt3.Bolt3Exception.Kind;
import dev.custos.core.secret.SecretBytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Shachain ordering, bounds and lookups beyond Appendix D (which {@code PerCommitmentSecretVectorTest} covers). */
class ShachainTest {
  private static SecretBytes seed() {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) 0xff);
    return SecretBytes.takeOwnership(b);
  }

  @Test
  void refusesOutOfOrderAndOutOfRangeWithoutChangingState() throws Exception {
    try (SecretBytes seed = seed(); Shachain chain = new Shachain()) {
      long top = PerCommitmentSecrets.MAX_INDEX;
      try (SecretBytes s = PerCommitmentSecrets.generateFromSeed(seed, top - 1)) {
        assertThatThrownBy(() -> chain.insert(top - 1, s))
            .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECRET_OUT_OF_ORDER))
            .hasMessageContaining(String.valueOf(top));
      }
      assertThat(chain.nextIndex()).isEqualTo(top);
      try (SecretBytes s = PerCommitmentSecrets.generateFromSeed(seed, top)) {
        assertThatThrownBy(() -> chain.insert(top + 1, s))
            .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECRET_INDEX_OUT_OF_RANGE));
        chain.insert(top, s);
        assertThatThrownBy(() -> chain.insert(top, s))
            .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECRET_OUT_OF_ORDER));
      }
      assertThatThrownBy(() -> chain.lookup(top - 1))
          .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECRET_UNKNOWN));
      assertThatThrownBy(() -> chain.lookup(-1))
          .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECRET_INDEX_OUT_OF_RANGE));
    }
  }

  /** A storage holding index 0 says every secret was received; it does not throw on being asked. */
  @Test
  void aStorageHoldingTheLastIndexCountsAll2To48Secrets() throws Exception {
    try (SecretBytes seed = seed(); SecretBytes last = PerCommitmentSecrets.generateFromSeed(seed, 0);
        Shachain chain = Shachain.restore(java.util.List.of(new Shachain.Entry(0, last)))) {
      assertThat(chain.received()).isEqualTo(1L << 48);
      assertThatThrownBy(chain::nextIndex).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> chain.insert(0, last))
          .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECRET_OUT_OF_ORDER));
    }
    try (Shachain empty = new Shachain()) {
      assertThat(empty.received()).isZero();
    }
  }

  @Test
  void looksUpEverySecretOfALongRunFromAtMost49Buckets() throws Exception {
    try (SecretBytes seed = seed(); Shachain chain = new Shachain()) {
      long top = PerCommitmentSecrets.MAX_INDEX;
      int count = 1100;
      for (long i = top; i > top - count; i--) {
        try (SecretBytes s = PerCommitmentSecrets.generateFromSeed(seed, i)) {
          chain.insert(i, s);
        }
      }
      for (long i = top; i > top - count; i--) {
        try (SecretBytes expected = PerCommitmentSecrets.generateFromSeed(seed, i); SecretBytes got = chain.lookup(i)) {
          assertThat(got.equalsConstantTime(expected)).as("index %d", i).isTrue();
        }
      }
      assertThat(chain.toString()).doesNotContainPattern("[0-9a-f]{64}");
    }
  }

  @Test
  void commitmentNumberZeroUsesTheTopIndex() {
    assertThat(PerCommitmentSecrets.indexOf(0)).isEqualTo(PerCommitmentSecrets.MAX_INDEX);
    assertThat(PerCommitmentSecrets.indexOf(42)).isEqualTo(PerCommitmentSecrets.MAX_INDEX - 42);
  }
}
