package dev.custos.core.psbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.psbt.BipPsbtVectors.Expectation;
import dev.custos.core.psbt.BipPsbtVectors.Vector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.XonlyPublicKey;
import fr.acinq.bitcoin.psbt.Input;
import fr.acinq.bitcoin.psbt.KeyPathWithMaster;
import fr.acinq.bitcoin.psbt.Output;
import fr.acinq.bitcoin.psbt.TaprootBip32DerivationPath;
import fr.acinq.bitcoin.utils.Either;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks the parser against bitcoin-kmp's independent PSBT reader
 * ({@code fr.acinq.bitcoin.psbt.Psbt.Companion.read}, version 0 only) on every valid version 0
 * vector of BIP174 and BIP371: same maps, UTXOs, signatures, derivations and taproot data.
 */
class PsbtBitcoinKmpCrossCheckTest {
  static Stream<Vector> validVersion0Vectors() {
    return BipPsbtVectors.all().stream()
        .filter(v -> v.expectation() == Expectation.VALID && !v.bip().equals("BIP370"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVersion0Vectors")
  void agreesWithBitcoinKmp(Vector v) throws PsbtFormatException {
    Either<?, fr.acinq.bitcoin.psbt.Psbt> read = fr.acinq.bitcoin.psbt.Psbt.Companion.read(v.psbt());
    assertThat(read.isRight()).as("bitcoin-kmp parses it: %s", read).isTrue();
    fr.acinq.bitcoin.psbt.Psbt kmp = read.getRight();
    Psbt ours = PsbtCodec.parse(v.psbt());

    assertThat(ours.unsignedTransaction()).isEqualTo(kmp.global.tx);
    assertThat(ours.inputs()).hasSameSizeAs(kmp.inputs);
    assertThat(ours.outputs()).hasSameSizeAs(kmp.outputs);
    for (int i = 0; i < kmp.inputs.size(); i++) {
      Input k = kmp.inputs.get(i);
      PsbtInput in = ours.inputs().get(i);
      assertThat(in.witnessUtxo()).isEqualTo(Optional.ofNullable(k.getWitnessUtxo()));
      assertThat(in.nonWitnessUtxo()).isEqualTo(Optional.ofNullable(k.getNonWitnessUtxo()));
      assertThat(in.partialSigs()).isEqualTo(k.getPartialSigs());
      assertThat(in.sighashType().isPresent() ? in.sighashType().getAsInt() : null).isEqualTo(k.getSighashType());
      assertThat(origins(in.bip32Derivations())).isEqualTo(kmpOrigins(k.getDerivationPaths()));
      assertThat(in.finalScriptWitness().orElse(null)).isEqualTo(k.getScriptWitness());
      assertThat(in.tapInternalKey().orElse(null)).isEqualTo(k.getTaprootInternalKey());
      assertThat(in.tapKeySig().orElse(null)).isEqualTo(k.getTaprootKeySignature());
      assertThat(tapOrigins(in.tapBip32Derivations())).isEqualTo(kmpTapOrigins(k.getTaprootDerivationPaths()));
      long spentIndex = kmp.global.tx.txIn.get(i).outPoint.index;
      Optional<fr.acinq.bitcoin.TxOut> kmpSpent = Optional.ofNullable(k.getWitnessUtxo())
          .or(() -> Optional.ofNullable(k.getNonWitnessUtxo()).map(tx -> tx.txOut.get((int) spentIndex)));
      assertThat(ours.spentOutput(i)).isEqualTo(kmpSpent);
    }
    for (int i = 0; i < kmp.outputs.size(); i++) {
      Output k = kmp.outputs.get(i);
      PsbtOutput out = ours.outputs().get(i);
      assertThat(origins(out.bip32Derivations())).isEqualTo(kmpOrigins(k.getDerivationPaths()));
      assertThat(out.tapInternalKey().orElse(null)).isEqualTo(k.getTaprootInternalKey());
      assertThat(tapOrigins(out.tapBip32Derivations())).isEqualTo(kmpTapOrigins(k.getTaprootDerivationPaths()));
      assertThat(ours.output(i)).isEqualTo(kmp.global.tx.txOut.get(i));
    }
  }

  /** Key origin as (fingerprint as serialized, big-endian; path). */
  private record Origin(long fingerprint, List<Long> path, List<?> leaves) {}

  private static Map<PublicKey, Origin> origins(Map<PublicKey, KeyOrigin> m) {
    Map<PublicKey, Origin> r = new HashMap<>();
    m.forEach((k, o) -> r.put(k, new Origin(Integer.toUnsignedLong(o.masterFingerprint()), o.path().indexes(), List.of())));
    return r;
  }

  private static Map<PublicKey, Origin> kmpOrigins(Map<PublicKey, KeyPathWithMaster> m) {
    Map<PublicKey, Origin> r = new HashMap<>();
    m.forEach((k, o) -> r.put(k, new Origin(o.masterKeyFingerprint, o.keyPath.path, List.of())));
    return r;
  }

  private static Map<XonlyPublicKey, Origin> tapOrigins(Map<XonlyPublicKey, TapKeyOrigin> m) {
    Map<XonlyPublicKey, Origin> r = new HashMap<>();
    m.forEach((k, o) -> r.put(k, new Origin(Integer.toUnsignedLong(o.origin().masterFingerprint()),
        o.origin().path().indexes(), o.leafHashes())));
    return r;
  }

  private static Map<XonlyPublicKey, Origin> kmpTapOrigins(Map<XonlyPublicKey, TaprootBip32DerivationPath> m) {
    Map<XonlyPublicKey, Origin> r = new HashMap<>();
    m.forEach((k, o) -> r.put(k, new Origin(o.masterKeyFingerprint, o.keyPath.path, o.leaves)));
    return r;
  }
}
