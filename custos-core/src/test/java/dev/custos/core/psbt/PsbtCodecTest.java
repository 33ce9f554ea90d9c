package dev.custos.core.psbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.psbt.BipPsbtVectors.Expectation;
import dev.custos.core.psbt.BipPsbtVectors.Vector;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Strictness rules and error messages of {@link PsbtCodec}, on PSBTs assembled by hand here
 * (transactions built with bitcoin-kmp).
 */
class PsbtCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String G_COMPRESSED =
      "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
  private static final String G_UNCOMPRESSED = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
      + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";
  private static final String DER_SIG = "3044022074018ad4180097b873323c0015720b3684cc8123891048e7dbcd9b55ad679c99"
      + "022073d369b740e3eb53dcefa33823c8070514ca55a7dd9544f157c167913261118c01";
  private static final String ORIGIN = "d90c6a4f00000080";

  @Test
  void namesInputAndFieldOfAnInvalidValue() {
    byte[] psbt = psbt(global(spending(2)), "00", entry("01", "00") + "00", "00");
    assertMessage(psbt, "input 1: PSBT_IN_WITNESS_UTXO: value is not a valid TxOut");
  }

  @Test
  void rejectsDuplicateKeys() {
    String derivation = entry("02" + G_COMPRESSED, ORIGIN);
    byte[] psbt = psbt(global(spending(1)), "00", derivation + derivation + "00");
    assertMessage(psbt, "output 0: duplicate key PSBT_OUT_BIP32_DERIVATION");
  }

  @Test
  void requiresTheUnsignedTransactionInVersion0() {
    assertMessage(psbt("00"), "global: PSBT_GLOBAL_UNSIGNED_TX missing (required in version 0)");
  }

  @Test
  void reportsTheMapWhereDataEnds() {
    assertMessage(psbt(global(spending(3)), "00", entry("f0", "00") + "00"), "unexpected end of data in input 2 map");
    assertMessage(psbt(global(spending(3)), "00"), "global: 3 input maps declared but only 1 bytes remain");
  }

  @Test
  void rejectsVersionsOtherThan0And2() {
    byte[] psbt = psbt(entry("fb", "01000000") + "00");
    assertMessage(psbt, "global: PSBT_GLOBAL_VERSION: unsupported PSBT version 1 (supported: 0, 2)");
  }

  @Test
  void rejectsTrailingBytes() {
    assertMessage(psbt(global(spending(1)), "00", "00", "00"), "1 trailing bytes after the last map");
  }

  @Test
  void rejectsNonMinimalCompactSizes() {
    byte[] psbt = psbt(global(spending(1)), "03fd0100" + "00" + "00", "00");
    assertThatThrownBy(() -> PsbtCodec.parse(psbt)).isExactlyInstanceOf(PsbtFormatException.class)
        .hasMessageContaining("non-minimal compact size");
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void hostileLengthsFailBeforeAllocating() {
    assertThatThrownBy(() -> PsbtCodec.parse(psbt("ff" + "ff".repeat(8))))
        .isExactlyInstanceOf(PsbtFormatException.class).hasMessage("global map: compact size too large");
    assertThatThrownBy(() -> PsbtCodec.parse(psbt("ffffffffffffffff7f")))
        .isExactlyInstanceOf(PsbtFormatException.class)
        .hasMessage("global map: declared length 9223372036854775807 exceeds the 0 remaining bytes");
    assertThatThrownBy(() -> PsbtCodec.parse(psbt("fefffffff7")))
        .isExactlyInstanceOf(PsbtFormatException.class)
        .hasMessage("global map: declared length 4160749567 exceeds the 0 remaining bytes");
    assertThatThrownBy(() -> PsbtCodec.parse(psbt("0100" + "feffffff7f")))
        .isExactlyInstanceOf(PsbtFormatException.class)
        .hasMessageContaining("declared length 2147483647 exceeds");
    String v2Global = entry("02", "02000000") + entry("04", "ff0000000001000000") + entry("05", "00")
        + entry("fb", "02000000") + "00";
    assertMessage(psbt(v2Global), "global: 4294967296 input maps declared but only 0 bytes remain");
  }

  @Test
  void checksTheNonWitnessUtxoIsTheSpentTransaction() {
    Transaction unrelated = previous(new TxOut(new Satoshi(5000), new ByteVector("51")));
    byte[] psbt = psbt(global(spending(1)), entry("00", HEX.formatHex(Transaction.write(unrelated))) + "00", "00");
    assertThatThrownBy(() -> PsbtCodec.parse(psbt)).isExactlyInstanceOf(PsbtFormatException.class)
        .hasMessageStartingWith("input 0: PSBT_IN_NON_WITNESS_UTXO: transaction ")
        .hasMessageContaining("is not the spent transaction");
  }

  @Test
  void checksBothUtxosAgree() throws PsbtFormatException {
    TxOut spent = new TxOut(new Satoshi(5000), new ByteVector("0014" + "22".repeat(20)));
    Transaction prev = previous(spent);
    String tx = HEX.formatHex(Transaction.Companion.write(spendingOutput0Of(prev), Transaction.SERIALIZE_TRANSACTION_NO_WITNESS));
    String nonWitness = entry("00", HEX.formatHex(Transaction.write(prev)));
    TxOut lie = new TxOut(new Satoshi(4000), spent.publicKeyScript);

    byte[] agreeing = psbt(entry("00", tx) + "00", nonWitness + entry("01", HEX.formatHex(TxOut.write(spent))) + "00", "00");
    assertThat(PsbtCodec.parse(agreeing).spentOutput(0)).contains(spent);

    byte[] lying = psbt(entry("00", tx) + "00", nonWitness + entry("01", HEX.formatHex(TxOut.write(lie))) + "00", "00");
    assertMessage(lying, "input 0: PSBT_IN_WITNESS_UTXO: does not match the spent output of PSBT_IN_NON_WITNESS_UTXO");
  }

  @Test
  void keepsVerifiedHashPreimagesVerbatim() throws PsbtFormatException {
    byte[] preimage = "custos".getBytes(StandardCharsets.US_ASCII);
    String good = entry("0b" + HEX.formatHex(Crypto.sha256(preimage)), HEX.formatHex(preimage));
    byte[] psbt = psbt(global(spending(1)), good + "00", "00");
    Psbt parsed = PsbtCodec.parse(psbt);
    assertThat(parsed.inputs().get(0).other()).hasSize(1);
    assertThat(PsbtCodec.serialize(parsed)).isEqualTo(psbt);

    String bad = entry("0b" + HEX.formatHex(Crypto.sha256(preimage)), "00");
    assertMessage(psbt(global(spending(1)), bad + "00", "00"),
        "input 0: PSBT_IN_SHA256: preimage does not hash to the key data");
  }

  @Test
  void keepsUncompressedKeysVerbatimAndRejectsPointsOffTheCurve() throws PsbtFormatException {
    byte[] psbt = psbt(global(spending(1)), entry("02" + G_UNCOMPRESSED, DER_SIG) + "00", "00");
    Psbt parsed = PsbtCodec.parse(psbt);
    assertThat(parsed.inputs().get(0).partialSigs()).isEmpty();
    assertThat(parsed.inputs().get(0).other()).hasSize(1);
    assertThat(PsbtCodec.serialize(parsed)).isEqualTo(psbt);

    byte[] offCurve = psbt(global(spending(1)), entry("02" + "02" + "00".repeat(32), DER_SIG) + "00", "00");
    assertMessage(offCurve, "input 0: PSBT_IN_PARTIAL_SIG: public key is not a point on secp256k1");
    byte[] notDer = psbt(global(spending(1)), entry("02" + G_COMPRESSED, "300601") + "00", "00");
    assertMessage(notDer, "input 0: PSBT_IN_PARTIAL_SIG: value is not a strict DER signature followed by a sighash byte");
  }

  @Test
  void validatesTheTapTreeShape() throws PsbtFormatException {
    String twoLeaves = "01c00151" + "01c00152";
    assertThat(PsbtCodec.parse(psbt(global(spending(1)), "00", entry("06", twoLeaves) + "00"))
        .outputs().get(0).tapTree()).contains(new ByteVector(twoLeaves));

    assertMessage(psbt(global(spending(1)), "00", entry("06", "02c00151" + "01c00152" + "02c00153") + "00"),
        "output 0: PSBT_OUT_TAP_TREE: leaf 1 at depth 1 does not fit the tree shape");
    assertMessage(psbt(global(spending(1)), "00", entry("06", "81c00151") + "00"),
        "output 0: PSBT_OUT_TAP_TREE: leaf 0 has depth 129 > 128");
    assertMessage(psbt(global(spending(1)), "00", entry("06", "01c00151") + "00"),
        "output 0: PSBT_OUT_TAP_TREE: leaf depths do not form a complete binary tree");
  }

  @Test
  void decodesBinaryBase64AndHex() throws PsbtFormatException {
    Vector v = firstValid("BIP174");
    Psbt expected = PsbtCodec.parse(v.psbt());
    String base64 = Base64.getEncoder().encodeToString(v.psbt());
    String wrapped = "  " + base64.substring(0, 40) + "\n" + base64.substring(40) + "\r\n";

    assertThat(PsbtCodec.decode(v.psbt())).isEqualTo(expected);
    assertThat(PsbtCodec.decode(wrapped.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    assertThat(PsbtCodec.decode((HEX.formatHex(v.psbt()) + "\n").getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    assertThat(PsbtCodec.toBase64(expected)).isEqualTo(base64);

    assertThatThrownBy(() -> PsbtCodec.decode("hello".getBytes(StandardCharsets.US_ASCII)))
        .isExactlyInstanceOf(PsbtFormatException.class).hasMessageStartingWith("not a PSBT");
    assertThatThrownBy(() -> PsbtCodec.decode("cHNidP8!!".getBytes(StandardCharsets.US_ASCII)))
        .isExactlyInstanceOf(PsbtFormatException.class).hasMessage("PSBT text is not valid Base64");
    assertThatThrownBy(() -> PsbtCodec.decode(new byte[0]))
        .isExactlyInstanceOf(PsbtFormatException.class).hasMessage("no PSBT data");
  }

  @Test
  void buildsTheVersion2TransactionFromItsFields() throws PsbtFormatException {
    Vector v = BipPsbtVectors.all().stream()
        .filter(x -> x.bip().equals("BIP370") && x.name().equals("1 input, 2 output updated PSBTv2."))
        .findFirst().orElseThrow();
    Psbt psbt = PsbtCodec.parse(v.psbt());
    Transaction tx = psbt.unsignedTransaction();
    Transaction previous = psbt.inputs().get(0).nonWitnessUtxo().orElseThrow();

    assertThat(tx.version).isEqualTo(2);
    assertThat(tx.txIn).hasSize(1);
    assertThat(tx.txIn.get(0).outPoint.txid).isEqualTo(previous.txid);
    assertThat(tx.txIn.get(0).sequence).isEqualTo(0xffff_ffffL);
    assertThat(tx.txOut).hasSize(2);
    assertThat(tx.lockTime).isZero();
    assertThat(psbt.spentOutput(0)).contains(previous.txOut.get((int) tx.txIn.get(0).outPoint.index));
  }

  private static Vector firstValid(String bip) {
    return BipPsbtVectors.all().stream()
        .filter(v -> v.bip().equals(bip) && v.expectation() == Expectation.VALID).findFirst().orElseThrow();
  }

  private static void assertMessage(byte[] psbt, String message) {
    assertThatThrownBy(() -> PsbtCodec.parse(psbt)).isExactlyInstanceOf(PsbtFormatException.class).hasMessage(message);
  }

  private static Transaction previous(TxOut out) {
    TxIn in = new TxIn(new OutPoint(new TxId("77".repeat(32)), 3), ByteVector.empty, 0xffff_fffeL, ScriptWitness.Companion.getEmpty());
    return new Transaction(2, List.of(in), List.of(out), 0);
  }

  private static Transaction spendingOutput0Of(Transaction prev) {
    TxIn in = new TxIn(new OutPoint(prev.txid, 0), ByteVector.empty, 0xffff_ffffL, ScriptWitness.Companion.getEmpty());
    return new Transaction(2, List.of(in), List.of(new TxOut(new Satoshi(4500), new ByteVector("51"))), 0);
  }

  /** An unsigned transaction with {@code inputs} inputs and one output, as witness-less hex. */
  private static String spending(int inputs) {
    List<TxIn> ins = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      ins.add(new TxIn(new OutPoint(new TxId(String.format("%02x", i + 1).repeat(32)), i),
          ByteVector.empty, 0xffff_ffffL, ScriptWitness.Companion.getEmpty()));
    }
    Transaction tx = new Transaction(2, ins, List.of(new TxOut(new Satoshi(1000), new ByteVector("51"))), 0);
    return HEX.formatHex(Transaction.Companion.write(tx, Transaction.SERIALIZE_TRANSACTION_NO_WITNESS));
  }

  private static String global(String unsignedTxHex) {
    return entry("00", unsignedTxHex) + "00";
  }

  /** One key-value record; lengths below 0xfd. */
  private static String entry(String key, String value) {
    return String.format("%02x", key.length() / 2) + key + String.format("%02x", value.length() / 2) + value;
  }

  private static byte[] psbt(String... maps) {
    return HEX.parseHex("70736274ff" + String.join("", maps));
  }
}
