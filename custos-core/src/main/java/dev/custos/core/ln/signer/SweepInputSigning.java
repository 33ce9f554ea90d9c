package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.Bolt3Signatures;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.CommitmentKeys;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.HtlcDirection;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand.SignSweepInput;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.SigHash;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Signs one input of a possibly multi-input sweep of channel outputs: justice on a revoked
 * counterparty commitment ({@code to_local} and HTLC outputs), HTLC claims on a commitment the
 * counterparty broadcast, and our own outputs after a force close ({@link HolderSweepInputs}). Modelled on VLS {@code validate_justice_sweep} /
 * {@code validate_counterparty_htlc_sweep} (lightning-signer-core {@code policy/simple_validator.rs}),
 * which moved from single-input sweeps to LDK's aggregated ones.
 *
 * <p>What is rebuilt: the witness script of the signed input, from the channel's bound keys and
 * the secret (which must be one the counterparty revealed for a revoked commitment, looked up in
 * the stored shachain) or the point (which must be that of a signed, unrevoked counterparty
 * commitment whose spec carries the named HTLC). What is checked on the whole transaction: version
 * 2 ({@code policy-sweep-version}); every output pays an approved destination, our wallet or the
 * allowlist ({@code policy-sweep-destination-allowlisted}); nLockTime a block height, and at least
 * {@code cltv_expiry} for an HTLC timeout ({@code policy-sweep-locktime}); the signed input's
 * nSequence as the spend path allows ({@code policy-sweep-sequence}: 1 for HTLC claims with
 * anchors, {@code to_self_delay} for our own {@code to_local}, otherwise 0, 0xfffffffd or
 * 0xffffffff, not the final one where CLTV applies).
 *
 * <p>Fee ({@code policy-sweep-fee-range}): a call knows the amount of its own input only (BIP143
 * commits each signature to its input's amount, so the node cannot lie about it without
 * invalidating the signature, but the other inputs' amounts are not known here; VLS gave up fee
 * checks on multi-input sweeps for that reason). Enforced: {@code amount - outputs} is a lower
 * bound of the fee, and it must not exceed the maximum feerate over an upper bound of the weight
 * (the unsigned weight plus {@value #MAX_INPUT_WITNESS} weight units per input, more than any
 * BOLT 3 spend); with a single input that lower bound is the fee itself, which must also reach
 * the minimum feerate over the unsigned weight. Not enforced: with several inputs, the share of
 * fee paid by the other inputs; the absence of a chain view means a locktime far in the future is
 * not refused either.
 */
final class SweepInputSigning {
  /** Weight units (bytes) of the largest BOLT 3 witness, an anchors received-HTLC spend, rounded up. */
  static final int MAX_INPUT_WITNESS = 256;
  private static final long LOCKTIME_THRESHOLD = 500_000_000L;
  private static final long FINAL = 0xffffffffL;
  static final Set<Long> PLAIN_SEQUENCES = Set.of(0L, 0xfffffffdL, FINAL);

  private SweepInputSigning() {}

  static ChannelOutcome sign(ChannelState s, SignSweepInput c, ChannelKeys keys, SignerLimits limits)
      throws ChannelPolicyException {
    Transaction tx = c.sweepTx();
    checkTransaction("channel " + s.id(), tx, c.input(), limits);
    ByteVector signature = switch (c.source()) {
      case SweepInput.RevokedToLocal r -> revokedToLocal(s, c, r, keys);
      case SweepInput.RevokedHtlc r -> revokedHtlc(s, c, r, keys);
      case SweepInput.CounterpartyHtlc h -> counterpartyHtlc(s, c, h, keys);
      case SweepInput.HolderToLocal h -> HolderSweepInputs.toLocal(s, c, h, keys);
      case SweepInput.CounterpartyToRemote r -> HolderSweepInputs.toRemote(s, c, keys);
    };
    checkFee("channel " + s.id(), tx, c.input(), c.amount(), limits);
    return new ChannelOutcome.Applied(s, new ChannelReply.SweepSignature(signature));
  }

  private static ByteVector revokedToLocal(ChannelState s, SignSweepInput c, SweepInput.RevokedToLocal r, ChannelKeys keys)
      throws ChannelPolicyException {
    revokedNumber(s, r.perCommitmentSecret());
    checkFormat(c, PLAIN_SEQUENCES, 0);
    ChannelParameters p = s.params();
    CommitmentKeys k = CommitmentKeys.derive(p, Side.COUNTERPARTY, KeyDerivation.publicKeyOf(r.perCommitmentSecret()));
    ByteVector script = Bolt3Scripts.toLocal(k.revocationKey(), p.counterparty().toSelfDelay(), k.localDelayedKey());
    try (SecretBytes key = keys.revocationKey(r.perCommitmentSecret())) {
      return Bolt3Signatures.sign(c.sweepTx(), c.input(), script, c.amount(), SigHash.SIGHASH_ALL, key);
    }
  }

  private static ByteVector revokedHtlc(ChannelState s, SignSweepInput c, SweepInput.RevokedHtlc r, ChannelKeys keys)
      throws ChannelPolicyException {
    revokedNumber(s, r.perCommitmentSecret());
    checkAmount(s, c, r.htlc());
    checkFormat(c, PLAIN_SEQUENCES, 0);
    CommitmentKeys k = CommitmentKeys.derive(s.params(), Side.COUNTERPARTY, KeyDerivation.publicKeyOf(r.perCommitmentSecret()));
    try (SecretBytes key = keys.revocationKey(r.perCommitmentSecret())) {
      return Bolt3Signatures.sign(c.sweepTx(), c.input(), htlcScript(s, k, r.htlc()), c.amount(), SigHash.SIGHASH_ALL, key);
    }
  }

  private static ByteVector counterpartyHtlc(ChannelState s, SignSweepInput c, SweepInput.CounterpartyHtlc h,
      ChannelKeys keys) throws ChannelPolicyException {
    PublicKey point = h.perCommitmentPoint();
    CounterpartyCommitment commitment = s.counterpartyUnrevoked().stream().filter(u -> u.point().equals(point)).findFirst()
        .orElseThrow(() -> new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "channel " + s.id() + ": the point is not that "
            + "of a counterparty commitment we signed and the counterparty has not revoked"));
    if (!commitment.spec().htlcs().contains(h.htlc())) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "channel " + s.id() + ": counterparty commitment "
          + commitment.number() + " carries no such HTLC (" + h.htlc().direction() + ", " + h.htlc().amount().value()
          + " msat, cltv_expiry " + h.htlc().cltvExpiry() + ")");
    }
    checkAmount(s, c, h.htlc());
    boolean timeout = h.htlc().direction() == HtlcDirection.RECEIVED;
    Set<Long> sequences = s.params().type().hasAnchors() ? Set.of(1L)
        : timeout ? Set.of(0L, 0xfffffffdL) : PLAIN_SEQUENCES;
    checkFormat(c, sequences, timeout ? h.htlc().cltvExpiry() : 0);
    CommitmentKeys k = CommitmentKeys.derive(s.params(), Side.COUNTERPARTY, point);
    try (SecretBytes key = keys.htlcKey(point)) {
      return Bolt3Signatures.sign(c.sweepTx(), c.input(), htlcScript(s, k, h.htlc()), c.amount(), SigHash.SIGHASH_ALL, key);
    }
  }

  private static void revokedNumber(ChannelState s, SecretBytes secret) throws ChannelPolicyException {
    OptionalLong n = s.counterpartySecrets().numberOf(secret, s.counterpartyRevoked());
    if (n.isEmpty()) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "channel " + s.id() + ": the per-commitment secret is not "
          + "one the counterparty revealed for its " + s.counterpartyRevoked() + " revoked commitments");
    }
  }

  private static ByteVector htlcScript(ChannelState s, CommitmentKeys k, Htlc htlc) {
    return htlc.direction() == HtlcDirection.OFFERED
        ? Bolt3Scripts.offeredHtlc(s.params().type(), k, htlc.paymentHash())
        : Bolt3Scripts.receivedHtlc(s.params().type(), k, htlc.paymentHash(), htlc.cltvExpiry());
  }

  /** BOLT 3: an HTLC output's value is {@code floor(amount_msat / 1000)}. */
  private static void checkAmount(ChannelState s, SignSweepInput c, Htlc htlc) throws ChannelPolicyException {
    long want = htlc.amount().value() / 1000;
    if (c.amount().toLong() != want) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, "channel " + s.id() + ": input " + c.input() + " amount "
          + c.amount().toLong() + " sat, the HTLC output holds " + want + " sat");
    }
  }

  /**
   * What every sweep signature requires of the whole transaction: the input exists, version 2,
   * every output allowlisted. {@code who} names the requester in reasons.
   */
  static void checkTransaction(String who, Transaction tx, int input, SignerLimits limits) throws ChannelPolicyException {
    if (input < 0 || input >= tx.txIn.size()) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, who + ": sweep " + tx.txid + " has " + tx.txIn.size()
          + " inputs, input " + input + " asked");
    }
    if (tx.version != 2) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_VERSION, "sweep version " + tx.version + " != 2");
    }
    checkDestinations(who, tx, limits);
  }

  /** Every output pays our wallet or the allowlist. */
  private static void checkDestinations(String who, Transaction tx, SignerLimits limits) throws ChannelPolicyException {
    if (tx.txOut.isEmpty()) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_OTHER, who + ": sweep " + tx.txid + " has no output");
    }
    for (int i = 0; i < tx.txOut.size(); i++) {
      ByteVector script = tx.txOut.get(i).publicKeyScript;
      if (!limits.approves(script)) {
        throw new ChannelPolicyException(LnPolicy.SWEEP_DESTINATION_ALLOWLISTED, who + " sweep output " + i
            + " pays " + script.toHex() + ", which is neither our wallet nor allowlisted");
      }
    }
  }

  static void checkFormat(SignSweepInput c, Set<Long> sequences, long minLockTime) throws ChannelPolicyException {
    checkFormat(c.sweepTx(), c.input(), sequences, minLockTime);
  }

  /** nLockTime a block height of at least {@code minLockTime}; input {@code input}'s nSequence one of {@code sequences}. */
  static void checkFormat(Transaction tx, int input, Set<Long> sequences, long minLockTime) throws ChannelPolicyException {
    if (tx.lockTime >= LOCKTIME_THRESHOLD || tx.lockTime < minLockTime) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_LOCKTIME, "sweep locktime " + tx.lockTime + " outside ["
          + minLockTime + ", " + LOCKTIME_THRESHOLD + ")");
    }
    long sequence = tx.txIn.get(input).sequence;
    if (!sequences.contains(sequence)) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_SEQUENCE, "sweep input " + input + " sequence " + sequence
          + " not in " + sequences);
    }
  }

  /** The fee bound described on this class, for input {@code input} holding {@code amount}. */
  static void checkFee(String who, Transaction tx, int input, Satoshi amount, SignerLimits limits)
      throws ChannelPolicyException {
    long outputs = 0;
    for (TxOut o : tx.txOut) {
      outputs = Math.addExact(outputs, o.amount.toLong());
    }
    long feeAtLeast = amount.toLong() - outputs;
    long unsigned = unsignedWeight(tx);
    long weightAtMost = unsigned + 2 + (long) MAX_INPUT_WITNESS * tx.txIn.size();
    if (feeAtLeast > 0 && Math.multiplyExact(feeAtLeast, 1000L) > Math.multiplyExact(limits.maxFeeratePerKw(), weightAtMost)) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_FEE_RANGE, who + ": sweep " + tx.txid + " pays at least "
          + feeAtLeast + " sat fee from input " + input + ", above feerate_per_kw " + limits.maxFeeratePerKw()
          + " at weight " + weightAtMost);
    }
    if (tx.txIn.size() == 1 && Math.multiplyExact(Math.max(feeAtLeast, 0), 1000L)
        < Math.multiplyExact(limits.minFeeratePerKw(), unsigned)) {
      throw new ChannelPolicyException(LnPolicy.SWEEP_FEE_RANGE, who + ": sweep " + tx.txid + " fee "
          + feeAtLeast + " sat is below feerate_per_kw " + limits.minFeeratePerKw() + " at weight " + unsigned);
    }
  }

  /** The weight without any witness: every input's witness still to come, or a caller's left in. */
  private static long unsignedWeight(Transaction tx) {
    Transaction stripped = new Transaction(tx.version, tx.txIn.stream()
        .map(in -> new TxIn(in.outPoint, in.signatureScript, in.sequence, ScriptWitness.Companion.getEmpty())).toList(), tx.txOut, tx.lockTime);
    return stripped.weight();
  }
}
