package dev.custos.core.psbt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link PsbtCodec#parse(byte[])}: on any input it returns or throws
 * {@link PsbtFormatException} (any other exception fails the test), and whatever it accepts
 * re-serializes to bytes that parse to an equal PSBT and re-serialize identically.
 *
 * <p>Under plain {@code ./mvnw test} this runs in regression mode over the seed corpus in
 * {@code src/test/resources/dev/custos/core/psbt/PsbtCodecFuzzTestInputs/parseNeverCrashes/}
 * (BIP174/370/371 vectors). To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -o -pl custos-core test
 * -Dtest=PsbtCodecFuzzTest -Dfuzz.maxDuration=3m}.
 */
class PsbtCodecFuzzTest {
  @FuzzTest(maxDuration = "15s")
  void parseNeverCrashes(byte[] input) throws PsbtFormatException {
    Psbt psbt;
    try {
      psbt = PsbtCodec.parse(input);
    } catch (PsbtFormatException rejected) {
      return;
    }
    byte[] serialized = PsbtCodec.serialize(psbt);
    Psbt again = PsbtCodec.parse(serialized);
    assertEquals(psbt, again);
    assertArrayEquals(serialized, PsbtCodec.serialize(again));
  }
}
