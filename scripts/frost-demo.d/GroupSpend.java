// Demo helper for scripts/frost-demo, run with the CLI's classpath (java GroupSpend.java ...).
//   build GROUP_OUTPUT_KEY_HEX INTERNAL_KEY_HEX AMOUNT_SAT OUT.psbt   a PSBT spending a made-up coin paid to the group
//   verify SIGNED.psbt                                               finalizes the key-path input and runs bitcoin-kmp's script interpreter
// The coin does not exist on any network: the funding transaction is made up, as in the walkthrough.
import dev.custos.core.psbt.*;
import fr.acinq.bitcoin.*;
import java.nio.file.*;
import java.util.*;

public class GroupSpend {
  public static void main(String[] a) throws Exception {
    if (a[0].equals("build")) {
      ByteVector spk = new ByteVector("5120" + a[1]);
      TxIn fakeIn = new TxIn(new OutPoint(new TxId(new ByteVector32(Crypto.sha256("custos frost demo funding".getBytes()))), 0),
          ByteVector.empty, 0xffffffffL, new ScriptWitness());
      Transaction funding = new Transaction(2, List.of(fakeIn), List.of(new TxOut(new Satoshi(100_000), spk)), 0);
      ByteVector payee = new ByteVector(Script.write(Script.pay2wpkh(
          new PrivateKey(Crypto.sha256("custos frost demo payee".getBytes())).publicKey())));
      long amount = Long.parseLong(a[3]);
      Transaction unsigned = new Transaction(2, List.of(new TxIn(new OutPoint(funding, 0), 0xfffffffdL)),
          List.of(new TxOut(new Satoshi(amount), payee)), 0);
      PsbtInput in = new PsbtInput(Optional.empty(), Optional.of(funding.txOut.get(0)), Map.of(), OptionalInt.empty(),
          Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
          Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
          Optional.empty(), Map.of(), List.of(), Map.of(), Optional.of(new XonlyPublicKey(new ByteVector32(a[2]))), Optional.empty(), List.of());
      PsbtOutput out = new PsbtOutput(Optional.empty(), Optional.empty(), Map.of(), OptionalLong.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Map.of(), List.of());
      Psbt psbt = new Psbt(0, new PsbtGlobal(Optional.of(unsigned), Map.of(), 0, OptionalLong.empty(), OptionalInt.empty(), List.of()),
          List.of(in), List.of(out));
      Files.write(Path.of(a[4]), PsbtCodec.serialize(psbt));
      System.out.println("PSBT " + a[4] + ": spends 100000 sat from the group, pays " + amount + " sat");
    } else {
      Psbt psbt = PsbtCodec.parse(Base64.getDecoder().decode(Files.readString(Path.of(a[1])).trim()));
      PsbtInput in = psbt.inputs().get(0);
      ByteVector sig = in.tapKeySig().orElseThrow(() -> new IllegalStateException("no PSBT_IN_TAP_KEY_SIG"));
      Transaction tx = psbt.global().unsignedTx().orElseThrow();
      Transaction signed = tx.updateWitness(0, new ScriptWitness(List.of(sig)));
      TxOut prev = in.witnessUtxo().orElseThrow();
      Map<OutPoint, TxOut> spent = Map.of(signed.txIn.get(0).outPoint, prev);
      Transaction.correctlySpends(signed, spent, ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
      System.out.println("bitcoin-kmp script interpreter: the key-path spend of the group output is valid (txid " + signed.txid + ")");
    }
  }
}
