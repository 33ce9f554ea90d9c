package dev.custos.core.ln.bolt3;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds and fully signs the Appendix C channel's local commitment and HTLC transactions for one
 * spec, with both nodes' keys, then has bitcoin-kmp's script interpreter (not our code) check each
 * signed transaction against the output it spends, with Bitcoin Core's standard flags.
 */
record SignedChannelState(
    CommitmentTransaction commitment,
    ByteVector localSig,
    ByteVector remoteSig,
    Transaction signedCommitment,
    List<HtlcTransaction> htlcTxs,
    List<ByteVector> localHtlcSigs,
    List<ByteVector> remoteHtlcSigs,
    List<Transaction> signedHtlcTxs) {

  static SignedChannelState build(ChannelParameters params, CommitmentSpec spec) {
    CommitmentTransaction c = CommitmentBuilder.build(params, Side.HOLDER, spec, AppendixC.perCommitmentPoint());
    ByteVector localSig;
    ByteVector remoteSig;
    try (SecretBytes lf = AppendixC.secret("local_funding_privkey"); SecretBytes rf = AppendixC.secret("remote_funding_privkey")) {
      localSig = Bolt3Signatures.signCommitment(c, lf);
      remoteSig = Bolt3Signatures.signCommitment(c, rf);
    }
    Transaction signed = c.withFundingWitness(localSig, remoteSig);
    signed.correctlySpends(Map.of(params.fundingOutpoint(),
        new TxOut(params.fundingAmount(), Bolt3Scripts.p2wsh(c.fundingScript()))), ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);

    List<HtlcTransaction> htlcTxs = HtlcTransactions.build(params, c);
    List<ByteVector> localSigs = new ArrayList<>();
    List<ByteVector> remoteSigs = new ArrayList<>();
    List<Transaction> signedHtlcs = new ArrayList<>();
    try (SecretBytes lh = AppendixC.localHtlcPrivateKey(); SecretBytes rh = AppendixC.remoteHtlcPrivateKey()) {
      for (HtlcTransaction h : htlcTxs) {
        ByteVector l = Bolt3Signatures.signHtlc(h, true, lh);
        ByteVector r = Bolt3Signatures.signHtlc(h, false, rh);
        Transaction t = h.withWitness(r, l, h.isSuccess() ? AppendixC.preimageOf(h.htlc()) : null);
        OutPoint spent = t.txIn.get(0).outPoint;
        t.correctlySpends(Map.of(spent, signed.txOut.get((int) spent.index)), ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
        localSigs.add(l);
        remoteSigs.add(r);
        signedHtlcs.add(t);
      }
    }
    return new SignedChannelState(c, localSig, remoteSig, signed, htlcTxs, localSigs, remoteSigs, signedHtlcs);
  }

  static String hex(Transaction tx) {
    return Hex.of(Transaction.write(tx));
  }
}
