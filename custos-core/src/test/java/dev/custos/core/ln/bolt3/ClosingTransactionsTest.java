package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Mutual closes on the Appendix C channel, signed by both funding keys, judged by bitcoin-kmp. */
class ClosingTransactionsTest {
  private static final ChannelParameters PARAMS = AppendixC.params(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX, 546);
  private static final ByteVector HOLDER_SCRIPT = Bolt3Scripts.p2wpkh(AppendixC.key("local_payment_basepoint"));
  private static final ByteVector COUNTERPARTY_SCRIPT = Bolt3Scripts.p2wpkh(AppendixC.key("remote_payment_basepoint"));

  private static Transaction signAndVerify(ClosingTransaction c) {
    Transaction signed;
    try (SecretBytes h = AppendixC.secret("local_funding_privkey"); SecretBytes r = AppendixC.secret("remote_funding_privkey")) {
      signed = c.withFundingWitness(Bolt3Signatures.signClosing(c, h), Bolt3Signatures.signClosing(c, r));
    }
    signed.correctlySpends(Map.of(PARAMS.fundingOutpoint(), new TxOut(PARAMS.fundingAmount(), Bolt3Scripts.p2wsh(c.fundingScript()))),
        ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
    return signed;
  }

  @Test
  void legacyCloseChargesTheFunderAndSortsOutputs() {
    ClosingTransaction c = ClosingTransactions.legacy(PARAMS, new MilliSatoshi(7_000_000_999L), new MilliSatoshi(3_000_000_000L),
        HOLDER_SCRIPT, COUNTERPARTY_SCRIPT, new Satoshi(5000), new Satoshi(546));
    Transaction tx = signAndVerify(c);
    assertThat(tx.version).isEqualTo(2);
    assertThat(tx.lockTime).isZero();
    assertThat(tx.txIn.get(0).sequence).isEqualTo(0xffffffffL);
    assertThat(tx.txOut).containsExactly(new TxOut(new Satoshi(3_000_000), COUNTERPARTY_SCRIPT), new TxOut(new Satoshi(6_995_000), HOLDER_SCRIPT));
  }

  @Test
  void legacyCloseDropsOutputsBelowTheSignersDustLimit() {
    ClosingTransaction c = ClosingTransactions.legacy(PARAMS, new MilliSatoshi(9_999_455_000L), new MilliSatoshi(545_999L),
        HOLDER_SCRIPT, COUNTERPARTY_SCRIPT, new Satoshi(1000), new Satoshi(546));
    assertThat(signAndVerify(c).txOut).containsExactly(new TxOut(new Satoshi(9_998_455), HOLDER_SCRIPT));
  }

  @Test
  void simpleCloseChargesTheCloserAndZeroesOpReturn() {
    ByteVector opReturn = ByteVector.fromHex("6a0401020304");
    ClosingTransaction c = ClosingTransactions.simple(PARAMS, Side.COUNTERPARTY, new MilliSatoshi(3_000_000_000L),
        new MilliSatoshi(7_000_000_000L), Optional.of(COUNTERPARTY_SCRIPT), Optional.of(opReturn), new Satoshi(700), 800_000);
    Transaction tx = signAndVerify(c);
    assertThat(tx.lockTime).isEqualTo(800_000);
    assertThat(tx.txIn.get(0).sequence).isEqualTo(0xfffffffdL);
    assertThat(tx.txOut).containsExactly(new TxOut(new Satoshi(0), opReturn), new TxOut(new Satoshi(2_999_300), COUNTERPARTY_SCRIPT));
  }

  @Test
  void refusesAFeeAboveThePayersBalance() {
    assertThatThrownBy(() -> ClosingTransactions.legacy(PARAMS, new MilliSatoshi(999_999), new MilliSatoshi(10_000_000L),
        HOLDER_SCRIPT, COUNTERPARTY_SCRIPT, new Satoshi(1000), new Satoshi(546)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000 sat").hasMessageContaining("999 sat");
  }
}
