package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Signatures;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.HtlcTransaction;
import dev.custos.core.ln.bolt3.HtlcTransactions;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand.RevokeHolderCommitment;
import dev.custos.core.ln.signer.ChannelCommand.SignHolderCommitment;
import dev.custos.core.ln.signer.ChannelCommand.ValidateHolderCommitment;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.SigHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Operations on our own (holder) commitments: validate, revoke, sign for a force close. */
final class HolderOperations {
  private HolderOperations() {}

  static ChannelOutcome validate(ChannelState s, ValidateHolderCommitment c, ChannelKeys keys, SignerLimits limits)
      throws ChannelPolicyException {
    CommitmentSpec spec = c.spec();
    long n = spec.commitmentNumber();
    boolean retry = n == s.nextHolderNumber() - 1;
    if (n < s.holderRevoked()) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_HOLDER_NOT_REVOKED, "channel " + s.id()
          + ": holder commitment " + n + " was already revoked");
    }
    if (retry && !s.holderSpec().orElseThrow().equals(spec)) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_RETRY_SAME, "channel " + s.id() + ": holder commitment " + n
          + " was validated with different content");
    }
    if (!retry && n != s.nextHolderNumber()) {
      throw new ChannelPolicyException(LnPolicy.GENERIC_ERROR, "channel " + s.id() + ": holder commitment " + n
          + " received, expected " + s.nextHolderNumber());
    }
    if (!retry && n >= 2 && s.holderRevoked() < n - 1) {
      throw new ChannelPolicyException(LnPolicy.GENERIC_ERROR, "channel " + s.id() + ": holder commitment " + n
          + " received before commitment " + (n - 2) + " was revoked");
    }
    SpecCheck.check(s.params(), Side.HOLDER, spec, limits);
    PublicKey point = keys.perCommitmentPoint(n);
    CommitmentTransaction ct = CommitmentBuilder.build(s.params(), Side.HOLDER, spec, point);
    if (!CounterpartySignatures.valid(ct.tx(), ct.fundingScript(), ct.fundingAmount(), SigHash.SIGHASH_ALL,
        c.counterpartySignature(), s.params().counterparty().keys().fundingPubkey())) {
      throw new ChannelPolicyException(LnPolicy.REVOKE_NEW_COMMITMENT_SIGNED, "channel " + s.id()
          + ": counterparty signature on holder commitment " + n + " (" + ct.tx().txid + ") does not verify");
    }
    List<HtlcTransaction> htlcs = HtlcTransactions.build(s.params(), ct);
    if (htlcs.size() != c.counterpartyHtlcSignatures().size()) {
      throw new ChannelPolicyException(LnPolicy.REVOKE_NEW_COMMITMENT_SIGNED, "channel " + s.id() + ": holder commitment "
          + n + " has " + htlcs.size() + " untrimmed HTLCs but " + c.counterpartyHtlcSignatures().size() + " HTLC signatures");
    }
    byte[] htlcKey = htlcs.isEmpty() ? null : CounterpartySignatures.key(ct.keys().remoteHtlcKey());
    for (int i = 0; i < htlcs.size(); i++) {
      HtlcTransaction h = htlcs.get(i);
      if (!CounterpartySignatures.valid(h.tx(), h.htlcScript(), h.htlcAmount(), h.remoteSighash(),
          c.counterpartyHtlcSignatures().get(i), htlcKey)) {
        throw new ChannelPolicyException(LnPolicy.REVOKE_NEW_COMMITMENT_SIGNED, "channel " + s.id()
            + ": counterparty HTLC signature " + i + " on holder commitment " + n + " does not verify");
      }
    }
    ChannelState next = retry ? s : s.withHolder(n + 1, s.holderRevoked(), Optional.of(spec));
    return new ChannelOutcome.Applied(next, new ChannelReply.HolderCommitmentValidated(n));
  }

  static ChannelOutcome revoke(ChannelState s, RevokeHolderCommitment c, ChannelKeys keys) throws ChannelPolicyException {
    long n = c.number();
    if (n < 0) {
      throw new ChannelPolicyException(LnPolicy.GENERIC_ERROR, "commitment number " + n + " is negative");
    }
    boolean retry = n < s.holderRevoked();
    if (!retry) {
      if (s.closingSigned()) {
        throw new ChannelPolicyException(LnPolicy.REVOKE_NOT_CLOSED, "channel " + s.id()
            + ": a closing signature was released, holder commitment " + n + " stays unrevoked");
      }
      if (n != s.holderRevoked() || s.nextHolderNumber() < n + 2) {
        throw new ChannelPolicyException(LnPolicy.REVOKE_NEW_COMMITMENT_SIGNED, "channel " + s.id()
            + ": revoking holder commitment " + n + " needs counter-signed commitment " + (n + 1) + " validated (validated up to "
            + (s.nextHolderNumber() - 1) + ", revoked " + s.holderRevoked() + ")");
      }
    }
    ChannelState next = retry ? s : s.withHolder(s.nextHolderNumber(), n + 1, s.holderSpec());
    SecretBytes secret = keys.perCommitmentSecret(n);
    return new ChannelOutcome.Applied(next, new ChannelReply.HolderRevocation(n, secret, keys.perCommitmentPoint(n + 2)));
  }

  static ChannelOutcome sign(ChannelState s, SignHolderCommitment c, ChannelKeys keys) throws ChannelPolicyException {
    long n = c.number();
    if (n < s.holderRevoked()) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_HOLDER_NOT_REVOKED, "channel " + s.id()
          + ": holder commitment " + n + " was revoked and must never be signed");
    }
    if (n != s.nextHolderNumber() - 1) {
      throw new ChannelPolicyException(LnPolicy.GENERIC_ERROR, "channel " + s.id() + ": holder commitment " + n
          + " is not the latest validated (" + (s.nextHolderNumber() - 1) + ")");
    }
    PublicKey point = keys.perCommitmentPoint(n);
    CommitmentTransaction ct = CommitmentBuilder.build(s.params(), Side.HOLDER, s.holderSpec().orElseThrow(), point);
    CommitmentCheck.check(ct, c.commitment());
    ByteVector signature = Bolt3Signatures.signCommitment(ct, keys.funding());
    List<ByteVector> htlcSignatures = new ArrayList<>();
    try (SecretBytes htlcKey = keys.htlcKey(point)) {
      for (HtlcTransaction h : HtlcTransactions.build(s.params(), ct)) {
        htlcSignatures.add(Bolt3Signatures.signHtlc(h, true, htlcKey));
      }
    }
    return new ChannelOutcome.Applied(s.withClosingSigned(), new ChannelReply.CommitmentSignatures(n, signature, htlcSignatures));
  }
}
