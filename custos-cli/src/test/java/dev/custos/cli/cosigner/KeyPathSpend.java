package dev.custos.cli.cosigner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtGlobal;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.PsbtOutput;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PrivateKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A BIP341 key-path spend of a FROST group's output key for the cosigner end-to-end tests: the
 * unsigned PSBT, and the check of a signed one by bitcoin-kmp's script interpreter (not by our
 * signing code).
 */
final class KeyPathSpend {
  private KeyPathSpend() {}

  /** Writes {@code dir/spend-<amount>.psbt}: spends a made-up 100000-sat coin paid to {@code outputKey}, paying {@code amount}. */
  static Path write(Path dir, byte[] outputKey, byte[] internalKey, long amount) throws IOException {
    ByteVector spk = new ByteVector("5120" + HexFormat.of().formatHex(outputKey));
    TxIn fakeIn = new TxIn(new OutPoint(new TxId(new ByteVector32(Crypto.sha256(("fund " + amount).getBytes(StandardCharsets.US_ASCII)))), 0),
        ByteVector.empty, 0xffffffffL, new ScriptWitness());
    Transaction funding = new Transaction(2, List.of(fakeIn), List.of(new TxOut(new Satoshi(100_000), spk)), 0);
    ByteVector payee = new ByteVector(Script.write(Script.pay2wpkh(new PrivateKey(Crypto.sha256(new byte[] {1})).publicKey())));
    Transaction unsigned = new Transaction(2, List.of(new TxIn(new OutPoint(funding, 0), 0xfffffffdL)),
        List.of(new TxOut(new Satoshi(amount), payee)), 0);
    PsbtInput in = new PsbtInput(Optional.empty(), Optional.of(funding.txOut.get(0)), Map.of(), OptionalInt.empty(),
        Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
        Optional.empty(), Map.of(), List.of(), Map.of(), Optional.of(new XonlyPublicKey(new ByteVector32(internalKey))), Optional.empty(),
        List.of());
    PsbtOutput out = new PsbtOutput(Optional.empty(), Optional.empty(), Map.of(), OptionalLong.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Map.of(), List.of());
    Psbt psbt = new Psbt(0, new PsbtGlobal(Optional.of(unsigned), Map.of(), 0, OptionalLong.empty(), OptionalInt.empty(), List.of()),
        List.of(in), List.of(out));
    Path file = dir.resolve("spend-" + amount + ".psbt");
    Files.write(file, PsbtCodec.serialize(psbt));
    return file;
  }

  /** Finalizes the key-path input of the signed PSBT (base64) and lets bitcoin-kmp's script interpreter judge it. */
  static void assertSpends(Path signed) throws Exception {
    Psbt psbt = PsbtCodec.parse(Base64.getDecoder().decode(Files.readString(signed).trim()));
    PsbtInput in = psbt.inputs().getFirst();
    assertThat(in.tapKeySig()).isPresent();
    Transaction tx = psbt.global().unsignedTx().orElseThrow().updateWitness(0, new ScriptWitness(List.of(in.tapKeySig().get())));
    Transaction.correctlySpends(tx, Map.of(tx.txIn.getFirst().outPoint, in.witnessUtxo().orElseThrow()),
        ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
  }
}
