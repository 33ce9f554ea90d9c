package dev.custos.core.frost;

import static dev.custos.core.frost.VectorFiles.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custos.core.secret.SecretBytes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ZF frost-secp256k1-tr {@code repair-share.json}: step 2 (sigma = sum of the deltas) and step 3
 * (share = sum of the sigmas) of the repairable threshold scheme, as ZF's
 * {@code check_repair_share_step_2/3} use it. The whole protocol is exercised against a dealt key
 * in {@code FrostRoundTripTest}.
 */
class RepairableShareVectorTest {
  private static final JsonNode V = VectorFiles.read("zf-secp256k1-tr-repair-share.json");

  static Stream<Arguments> sums() {
    return Stream.of(
        Arguments.of("scalar_generation", List.of("random_scalar_1", "random_scalar_2", "random_scalar_3"), "random_scalar_sum"),
        Arguments.of("sigma_generation", List.of("sigma_1", "sigma_2", "sigma_3", "sigma_4"), "sigma_sum"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sums")
  void sumsMatch(String section, List<String> terms, String expected) throws FrostException {
    JsonNode node = V.get(section);
    List<SecretBytes> values = terms.stream().map(t -> SecretBytes.takeOwnership(hex(node.get(t)))).toList();
    try (SecretBytes sigma = RepairableShare.sigma(values)) {
      assertThat(sigma.copy()).isEqualTo(hex(node.get(expected)));
    }
  }
}
