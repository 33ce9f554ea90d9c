package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.HtlcTransaction;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.List;

/**
 * Compares proposed second-stage HTLC transactions with the ones rebuilt from the commitment
 * (BOLT 3 "HTLC-Timeout and HTLC-Success Transactions") and names the rule the first disagreement
 * breaks (VLS {@code policy-htlc-*}).
 */
final class HtlcTransactionCheck {
  private static final int REVOCATION_KEY = 1;
  private static final int DELAY = 3;
  private static final int DELAYED_KEY = 6;

  private HtlcTransactionCheck() {}

  /**
   * @param outputScript the witness script every HTLC transaction of this commitment pays: the
   *     broadcaster's revocable, {@code to_self_delay}-delayed script
   */
  static void check(List<HtlcTransaction> expected, List<ProposedTransaction> proposed, ByteVector outputScript)
      throws ChannelPolicyException {
    if (expected.size() != proposed.size()) {
      throw refuse(LnPolicy.HTLC_OTHER, proposed.size() + " HTLC transactions proposed, the commitment has "
          + expected.size() + " untrimmed HTLCs");
    }
    for (int i = 0; i < expected.size(); i++) {
      check(i, expected.get(i), proposed.get(i), outputScript);
    }
  }

  private static void check(int i, HtlcTransaction expected, ProposedTransaction proposed, ByteVector wantScript) throws ChannelPolicyException {
    Transaction want = expected.tx();
    Transaction got = proposed.tx();
    String what = "HTLC transaction " + i + (expected.isSuccess() ? " (success)" : " (timeout)");
    if (got.version != want.version) {
      throw refuse(LnPolicy.HTLC_VERSION, what + " version " + got.version + " != 2");
    }
    if (got.lockTime != want.lockTime) {
      throw refuse(LnPolicy.HTLC_LOCKTIME, what + " locktime " + got.lockTime + " != " + want.lockTime);
    }
    if (got.txIn.size() != 1 || !got.txIn.get(0).outPoint.equals(want.txIn.get(0).outPoint)) {
      throw refuse(LnPolicy.HTLC_OTHER, what + " does not spend exactly its commitment HTLC output");
    }
    if (got.txIn.get(0).sequence != want.txIn.get(0).sequence) {
      throw refuse(LnPolicy.HTLC_SEQUENCE, what + " sequence " + got.txIn.get(0).sequence + " != " + want.txIn.get(0).sequence);
    }
    if (got.txOut.size() != 1 || proposed.outputWitnessScripts().size() != 1) {
      throw refuse(LnPolicy.HTLC_OTHER, what + " must have exactly one output with its witness script");
    }
    TxOut out = got.txOut.get(0);
    TxOut wantOut = want.txOut.get(0);
    ByteVector script = proposed.outputWitnessScripts().get(0);
    if (!Bolt3Scripts.p2wsh(script).equals(out.publicKeyScript)) {
      throw refuse(LnPolicy.HTLC_OTHER, what + " output is not the P2WSH of its witness script");
    }
    if (!out.publicKeyScript.equals(wantOut.publicKeyScript)) {
      LnPolicy rule = switch (OutputKind.firstDifference(script, wantScript)) {
        case REVOCATION_KEY -> LnPolicy.HTLC_REVOCATION_PUBKEY;
        case DELAY -> LnPolicy.HTLC_TO_SELF_DELAY;
        case DELAYED_KEY -> LnPolicy.HTLC_DELAYED_PUBKEY;
        default -> LnPolicy.HTLC_OTHER;
      };
      throw refuse(rule, what + " output script differs from the rebuilt revocable delayed output");
    }
    if (!out.amount.equals(wantOut.amount)) {
      throw refuse(LnPolicy.HTLC_FEE_RANGE, what + " pays " + out.amount.toLong() + " sat, expected "
          + wantOut.amount.toLong() + " (HTLC " + expected.htlcAmount().toLong() + " sat minus the BOLT 3 fee)");
    }
    if (!got.equals(want)) {
      throw refuse(LnPolicy.HTLC_OTHER, what + " " + got.txid + " differs from the rebuilt " + want.txid);
    }
  }

  private static ChannelPolicyException refuse(LnPolicy rule, String reason) {
    return new ChannelPolicyException(rule, reason);
  }
}
