package dev.custos.core.psbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.psbt.BipPsbtVectors.Expectation;
import dev.custos.core.psbt.BipPsbtVectors.Vector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The "Test Vectors" of BIP174, BIP370 and BIP371, read from the unmodified mediawiki files (see
 * {@link BipPsbtVectors} for which vectors are parse-valid and which are parse-invalid).
 */
class PsbtVectorsTest {
  static Stream<Vector> vectors() {
    return BipPsbtVectors.all().stream();
  }

  static Stream<Vector> validVectors() {
    return vectors().filter(v -> v.expectation() == Expectation.VALID);
  }

  @Test
  void extractsEveryPsbtOfTheThreeTestVectorSections() {
    List<Vector> all = BipPsbtVectors.all();
    // Counted by hand in the BIP texts: BIP174 has 20 invalid, 10 valid, 4 signer-check and 10
    // role-workflow PSBTs; BIP370 24 invalid, 14 valid, 9 lock time and 1 undeterminable lock
    // time PSBTs; BIP371 11 invalid and 6 valid.
    assertThat(count(all, "BIP174", Expectation.INVALID)).isEqualTo(20);
    assertThat(count(all, "BIP174", Expectation.VALID)).isEqualTo(24);
    assertThat(count(all, "BIP370", Expectation.INVALID)).isEqualTo(25);
    assertThat(count(all, "BIP370", Expectation.VALID)).isEqualTo(23);
    assertThat(count(all, "BIP371", Expectation.INVALID)).isEqualTo(11);
    assertThat(count(all, "BIP371", Expectation.VALID)).isEqualTo(6);
    assertThat(all.stream().filter(v -> v.lockTime().isPresent())).hasSize(9);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void parsesValidAndRejectsInvalidVectors(Vector v) throws PsbtFormatException {
    if (v.expectation() == Expectation.INVALID) {
      assertThatThrownBy(() -> PsbtCodec.parse(v.psbt()))
          .isExactlyInstanceOf(PsbtFormatException.class)
          .hasMessageNotContaining("null");
      return;
    }
    Psbt psbt = PsbtCodec.parse(v.psbt());
    if (v.lockTime().isPresent()) {
      assertThat(psbt.unsignedTransaction().lockTime).isEqualTo(v.lockTime().getAsLong());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void reserializesValidVectors(Vector v) throws PsbtFormatException {
    Psbt psbt = PsbtCodec.parse(v.psbt());
    byte[] again = PsbtCodec.serialize(psbt);

    assertThat(PsbtCodec.parse(again)).isEqualTo(psbt);
    assertThat(PsbtCodec.serialize(PsbtCodec.parse(again))).isEqualTo(again);

    List<List<RawMaps.Entry>> original = RawMaps.split(v.psbt());
    if (RawMaps.keysAscending(original)) {
      assertThat(again).as("canonical vector is reproduced byte for byte").isEqualTo(v.psbt());
    } else {
      assertThat(sorted(RawMaps.split(again))).as("same entries, canonical order").isEqualTo(sorted(original));
    }
  }

  private static List<List<RawMaps.Entry>> sorted(List<List<RawMaps.Entry>> maps) {
    List<List<RawMaps.Entry>> out = new ArrayList<>();
    for (List<RawMaps.Entry> m : maps) {
      out.add(m.stream().sorted(Comparator.comparing(RawMaps.Entry::keyHex)).toList());
    }
    return out;
  }

  private static long count(List<Vector> all, String bip, Expectation e) {
    return all.stream().filter(v -> v.bip().equals(bip) && v.expectation() == e).count();
  }
}
