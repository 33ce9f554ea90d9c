package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BOLT 3 Appendix D: generation and storage tests, read from the unmodified spec text. */
class PerCommitmentSecretVectorTest {
  private static final List<BoltTextVectors.Case> CASES = BoltTextVectors.cases(BoltTextVectors.appendix("Appendix D"));

  static Stream<BoltTextVectors.Case> generation() {
    return CASES.stream().filter(c -> c.name().startsWith("generate_from_seed"));
  }

  static Stream<BoltTextVectors.Case> storage() {
    return CASES.stream().filter(c -> c.name().startsWith("insert_secret"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generation")
  void generatesFromSeed(BoltTextVectors.Case c) throws Exception {
    try (SecretBytes seed = Hex.privateKey(c.get("seed"));
        SecretBytes secret = PerCommitmentSecrets.generateFromSeed(seed, Hex.number(c.get("I")))) {
      assertThat(Hex.of(secret.copy())).isEqualTo(c.get("output").substring(2).toLowerCase());
    }
  }

  private record Step(long index, String secret, boolean ok) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("storage")
  void storesAndChecks(BoltTextVectors.Case c) throws Exception {
    List<Step> steps = new ArrayList<>();
    List<String> indexes = c.all("I");
    List<String> secrets = c.all("secret");
    List<String> outputs = c.all("output");
    assertThat(indexes).hasSameSizeAs(secrets).hasSameSizeAs(outputs).isNotEmpty();
    for (int i = 0; i < indexes.size(); i++) {
      steps.add(new Step(Hex.number(indexes.get(i)), secrets.get(i), outputs.get(i).equals("OK")));
    }
    try (Shachain chain = new Shachain()) {
      List<Step> stored = new ArrayList<>();
      for (Step s : steps) {
        try (SecretBytes secret = Hex.privateKey(s.secret)) {
          if (s.ok) {
            chain.insert(s.index, secret);
            stored.add(s);
          } else {
            long before = chain.nextIndex();
            assertThatThrownBy(() -> chain.insert(s.index, secret))
                .isInstanceOfSatisfying(Bolt3Exception.class, e -> assertThat(e.kind()).isEqualTo(Bolt3Exception.Kind.SECRET_MISMATCH));
            assertThat(chain.nextIndex()).isEqualTo(before);
          }
        }
      }
      for (Step s : stored) {
        try (SecretBytes got = chain.lookup(s.index)) {
          assertThat(Hex.of(got.copy())).isEqualTo(s.secret.substring(2));
        }
      }
    }
  }
}
