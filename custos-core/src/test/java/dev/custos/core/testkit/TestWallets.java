package dev.custos.core.testkit;

import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Mnemonic;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Deterministic wallets and funding transactions for signing tests. */
public final class TestWallets {
  /** The BIP84/BIP86 test-vector mnemonic. */
  public static final String ABANDON = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
  /** A second, unrelated wallet (a cosigner or a stranger). */
  public static final String ZOO = "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong";

  private TestWallets() {}

  public static ExtendedPrivateKey master(String mnemonic) {
    try (SecretBytes text = SecretBytes.copyOf(mnemonic.getBytes(StandardCharsets.UTF_8));
        Mnemonic m = Mnemonic.parse(text);
        SecretBytes empty = SecretBytes.copyOf(new byte[0]);
        SecretBytes seed = m.toSeed(empty)) {
      return ExtendedPrivateKey.fromSeed(seed);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A transaction paying {@code outputs}, spending a random (fictitious) outpoint. */
  public static Transaction funding(Random random, List<TxOut> outputs) {
    byte[] txid = new byte[32];
    random.nextBytes(txid);
    TxIn in = new TxIn(new OutPoint(new TxId(new ByteVector32(txid)), 0), fr.acinq.bitcoin.ByteVector.empty, 0xffffffffL, new fr.acinq.bitcoin.ScriptWitness());
    return new Transaction(2, List.of(in), outputs, 0);
  }

  public static TxOut out(long sat, fr.acinq.bitcoin.ByteVector script) {
    return new TxOut(new Satoshi(sat), script);
  }
}
