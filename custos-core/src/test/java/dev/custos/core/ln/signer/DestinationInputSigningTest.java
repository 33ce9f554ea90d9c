package dev.custos.core.ln.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A spend of an output paying the destination key: the signature is judged by bitcoin-kmp's
 * interpreter ({@code correctlySpends}); each whole-transaction rule refuses one mutation with its
 * tag.
 */
class DestinationInputSigningTest {
  private static final long AMOUNT = 250_000;
  private static final long RBF = 0xfffffffdL;

  private final SecretBytes key = SecretBytes.copyOf(ChannelPair.filled(0x5d));
  private final PublicKey pub = KeyDerivation.publicKeyOf(key);
  private final ByteVector ours = Bolt3Scripts.p2wpkh(pub);
  private final SignerLimits limits = SignerLimits.defaults(Set.of(ours));
  private final Transaction funding = new Transaction(2,
      List.of(new TxIn(new OutPoint(new TxId(new ByteVector32("ab".repeat(32))), 1), new byte[0], RBF)),
      List.of(new TxOut(new Satoshi(AMOUNT), ours)), 0);

  private Transaction spend(int version, long sequence, long fee, ByteVector to) {
    return new Transaction(version, List.of(new TxIn(new OutPoint(funding, 0), new byte[0], sequence)),
        List.of(new TxOut(new Satoshi(AMOUNT - fee), to)), 0);
  }

  @Test
  void aSpendToTheDestinationIsSignedAndValid() throws Exception {
    Transaction tx = spend(2, RBF, 500, ours);
    ByteVector sig = DestinationInputSigning.sign(tx, 0, new Satoshi(AMOUNT), key, limits);
    tx.updateWitness(0, new ScriptWitness(List.of(sig.concat((byte) 1), pub.value)))
        .correctlySpends(List.of(funding), ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
  }

  @Test
  void eachRuleRefusesItsMutation() {
    ByteVector foreign = Bolt3Scripts.p2wpkh(fr.acinq.bitcoin.PrivateKey.fromHex("22".repeat(32)).publicKey());
    assertRefused(spend(2, RBF, 500, foreign), 0, LnPolicy.SWEEP_DESTINATION_ALLOWLISTED);
    assertRefused(spend(1, RBF, 500, ours), 0, LnPolicy.SWEEP_VERSION);
    assertRefused(spend(2, 144, 500, ours), 0, LnPolicy.SWEEP_SEQUENCE);
    assertRefused(spend(2, RBF, 200_000, ours), 0, LnPolicy.SWEEP_FEE_RANGE);
    assertRefused(spend(2, RBF, 0, ours), 0, LnPolicy.SWEEP_FEE_RANGE);
    assertRefused(spend(2, RBF, 500, ours), 1, LnPolicy.SWEEP_OTHER);
  }

  private void assertRefused(Transaction tx, int input, LnPolicy rule) {
    assertThatThrownBy(() -> DestinationInputSigning.sign(tx, input, new Satoshi(AMOUNT), key, limits))
        .isInstanceOfSatisfying(ChannelPolicyException.class, e -> assertThat(e.rule()).isEqualTo(rule));
  }
}
