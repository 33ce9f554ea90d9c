package dev.custos.core.ln.bolt3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.ScriptFlags;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every spend path of every output of the Appendix C (static_remotekey) and Appendix F (anchors)
 * commitments with HTLCs, and of their HTLC transactions, signed with the keys the path needs and
 * judged by bitcoin-kmp's interpreter; plus the failures that prove the interpreter is checking.
 */
class SweepTest {
  private static final FeeratePerKw FEERATE = new FeeratePerKw(253);
  private static final ByteVector DESTINATION = Bolt3Scripts.p2wpkh(AppendixC.key("local_funding_pubkey"));

  enum Format {
    STATIC_REMOTE_KEY(ChannelType.STATIC_REMOTE_KEY, "commitment tx with all five HTLCs untrimmed (minimum feerate)", 0),
    ANCHORS(ChannelType.ANCHORS_ZERO_FEE_HTLC_TX, "commitment tx with seven outputs untrimmed", 644);

    final ChannelType type;
    final String caseName;
    final long feerate;

    Format(ChannelType type, String caseName, long feerate) {
      this.type = type;
      this.caseName = caseName;
      this.feerate = feerate;
    }

    SignedChannelState state() {
      return SignedChannelState.build(AppendixC.params(type, AppendixC.dustLimit()),
          AppendixC.spec(caseName, feerate, 6988000000L, 3000000000L));
    }
  }

  private record Attempt(String what, SweepTransaction sweep, Supplier<SecretBytes> key) {}

  private static SecretBytes delayedKey() {
    try (SecretBytes base = AppendixC.secret("local_delayed_payment_basepoint_secret")) {
      return KeyDerivation.derivePrivateKey(base, AppendixC.perCommitmentPoint());
    }
  }

  private static SecretBytes revocationKey() {
    try (SecretBytes base = AppendixC.secret("remote_revocation_basepoint_secret");
        SecretBytes pcs = AppendixC.secret("x_local_per_commitment_secret")) {
      return KeyDerivation.revocationPrivateKey(base, pcs);
    }
  }

  private static List<Attempt> attempts(Format f, SignedChannelState s) {
    List<Attempt> out = new ArrayList<>();
    Transaction commit = s.signedCommitment();
    for (int i = 0; i < s.commitment().outputs().size(); i++) {
      CommitmentOutput o = s.commitment().outputs().get(i);
      OutPoint op = new OutPoint(commit, i);
      TxOut txOut = o.txOut();
      ByteVector ws = o.witnessScript();
      switch (o) {
        case CommitmentOutput.ToLocal t -> {
          out.add(new Attempt("to_local delayed", Sweeps.build(op, txOut, ws, new SpendPath.DelayedToLocal(144), DESTINATION, FEERATE), SweepTest::delayedKey));
          out.add(new Attempt("to_local revoked", Sweeps.build(op, txOut, ws, new SpendPath.RevokedToLocal(), DESTINATION, FEERATE), SweepTest::revocationKey));
        }
        case CommitmentOutput.ToRemote t -> {
          SpendPath path = f.type.hasAnchors() ? new SpendPath.ToRemoteAnchors() : new SpendPath.ToRemoteP2wpkh(AppendixC.key("remote_payment_basepoint"));
          out.add(new Attempt("to_remote", Sweeps.build(op, txOut, ws, path, DESTINATION, FEERATE), () -> AppendixC.secret("remote_payment_basepoint_secret")));
        }
        case CommitmentOutput.Anchor a -> {
          String key = a.local() ? "local_funding_privkey" : "remote_funding_privkey";
          out.add(new Attempt("anchor " + key, Sweeps.build(op, txOut, ws, new SpendPath.Anchor(), DESTINATION, FEERATE), () -> AppendixC.secret(key)));
          out.add(new Attempt("anchor after 16 blocks", Sweeps.build(op, txOut, ws, new SpendPath.AnchorAfter16Blocks(), DESTINATION, FEERATE), null));
        }
        case CommitmentOutput.HtlcOutput h -> {
          out.add(new Attempt("revoked HTLC", Sweeps.build(op, txOut, ws, new SpendPath.RevokedHtlc(s.commitment().keys().revocationKey()), DESTINATION, FEERATE), SweepTest::revocationKey));
          SpendPath claim = h.htlc().direction() == HtlcDirection.OFFERED
              ? new SpendPath.OfferedHtlcPreimage(f.type, AppendixC.preimageOf(h.htlc()))
              : new SpendPath.ReceivedHtlcTimeout(f.type, h.htlc().cltvExpiry());
          out.add(new Attempt("remote claims HTLC", Sweeps.build(op, txOut, ws, claim, DESTINATION, FEERATE), AppendixC::remoteHtlcPrivateKey));
        }
      }
    }
    ByteVector secondStage = Bolt3Scripts.toLocal(s.commitment().keys().revocationKey(), 144, s.commitment().keys().localDelayedKey());
    for (Transaction htlcTx : s.signedHtlcTxs()) {
      OutPoint op = new OutPoint(htlcTx, 0);
      out.add(new Attempt("HTLC tx output delayed", Sweeps.build(op, htlcTx.txOut.get(0), secondStage, new SpendPath.DelayedToLocal(144), DESTINATION, FEERATE), SweepTest::delayedKey));
      out.add(new Attempt("HTLC tx output revoked", Sweeps.build(op, htlcTx.txOut.get(0), secondStage, new SpendPath.RevokedToLocal(), DESTINATION, FEERATE), SweepTest::revocationKey));
    }
    return out;
  }

  private static Transaction sign(Attempt a) {
    if (a.key == null) {
      return a.sweep.withWitness(null);
    }
    try (SecretBytes k = a.key.get()) {
      return a.sweep.withWitness(Bolt3Signatures.signSweep(a.sweep, k));
    }
  }

  private static void verify(Transaction tx, TxOut spent) {
    tx.correctlySpends(Map.of(tx.txIn.get(0).outPoint, spent), ScriptFlags.STANDARD_SCRIPT_VERIFY_FLAGS);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void everySpendPathVerifies(Format f) {
    SignedChannelState s = f.state();
    List<Attempt> attempts = attempts(f, s);
    assertThat(attempts).hasSizeGreaterThan(f.type.hasAnchors() ? 20 : 15);
    for (Attempt a : attempts) {
      Transaction tx = sign(a);
      TxOut spent = new TxOut(a.sweep.spentAmount(), spentScript(s, tx));
      verify(tx, spent);
      long fee = a.sweep.spentAmount().toLong() - tx.txOut.get(0).amount.toLong();
      // Never below the requested rate; at most a few weight units of signature slack above it.
      assertThat(fee * 1000).as(a.what).isGreaterThanOrEqualTo(FEERATE.value() * tx.weight() - 999)
          .isLessThanOrEqualTo(FEERATE.value() * (tx.weight() + 8));
    }
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void interpreterRejectsAnEarlyDelayedSpendAndAWrongKey(Format f) {
    SignedChannelState s = f.state();
    CommitmentOutput.ToLocal toLocal = s.commitment().outputs().stream()
        .filter(o -> o instanceof CommitmentOutput.ToLocal).map(o -> (CommitmentOutput.ToLocal) o).findFirst().orElseThrow();
    OutPoint op = new OutPoint(s.signedCommitment(), s.commitment().outputs().indexOf(toLocal));
    SweepTransaction early = Sweeps.build(op, toLocal.txOut(), toLocal.witnessScript(), new SpendPath.DelayedToLocal(143), DESTINATION, FEERATE);
    Transaction earlyTx = sign(new Attempt("early", early, SweepTest::delayedKey));
    assertThatThrownBy(() -> verify(earlyTx, toLocal.txOut())).isInstanceOf(RuntimeException.class);

    SweepTransaction revoked = Sweeps.build(op, toLocal.txOut(), toLocal.witnessScript(), new SpendPath.RevokedToLocal(), DESTINATION, FEERATE);
    Transaction wrongKey = sign(new Attempt("wrong key", revoked, SweepTest::delayedKey));
    assertThatThrownBy(() -> verify(wrongKey, toLocal.txOut())).isInstanceOf(RuntimeException.class);
  }

  private static ByteVector spentScript(SignedChannelState s, Transaction sweep) {
    OutPoint op = sweep.txIn.get(0).outPoint;
    if (op.txid.equals(s.signedCommitment().txid)) {
      return s.signedCommitment().txOut.get((int) op.index).publicKeyScript;
    }
    return s.signedHtlcTxs().stream().filter(t -> t.txid.equals(op.txid)).findFirst().orElseThrow().txOut.get(0).publicKeyScript;
  }
}
