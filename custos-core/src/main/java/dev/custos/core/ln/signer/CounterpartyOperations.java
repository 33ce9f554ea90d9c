package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.Bolt3Exception;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.Bolt3Signatures;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.CommitmentTransaction;
import dev.custos.core.ln.bolt3.HtlcTransaction;
import dev.custos.core.ln.bolt3.HtlcTransactions;
import dev.custos.core.ln.bolt3.KeyDerivation;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.ln.signer.ChannelCommand.SignCounterpartyCommitment;
import dev.custos.core.ln.signer.ChannelCommand.ValidateCounterpartyRevocation;
import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.ByteVector;
import java.util.ArrayList;
import java.util.List;

/** Operations on the counterparty's commitments: sign the next one, accept its revocations. */
final class CounterpartyOperations {
  private CounterpartyOperations() {}

  static ChannelOutcome sign(ChannelState s, SignCounterpartyCommitment c, ChannelKeys keys, SignerLimits limits,
      PaymentLedger payments) throws ChannelPolicyException {
    CommitmentSpec spec = c.spec();
    long n = spec.commitmentNumber();
    CounterpartyCommitment signed = new CounterpartyCommitment(spec, c.point());
    boolean retry = n == s.nextCounterpartyNumber() - 1 && n >= s.counterpartyRevoked();
    if (retry && !s.latestCounterparty().orElseThrow().equals(signed)) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_RETRY_SAME, "channel " + s.id() + ": counterparty commitment "
          + n + " was signed with different content or point");
    }
    if (!retry && n != s.nextCounterpartyNumber()) {
      throw new ChannelPolicyException(LnPolicy.GENERIC_ERROR, "channel " + s.id() + ": counterparty commitment " + n
          + " to sign, expected " + s.nextCounterpartyNumber());
    }
    if (!retry && s.counterpartyRevoked() < n - 1) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_PREVIOUS_REVOKED, "channel " + s.id() + ": counterparty commitment "
          + (n - 2) + " is not revoked yet, so commitment " + n + " cannot be signed");
    }
    SpecCheck.check(s.params(), Side.COUNTERPARTY, spec, limits);
    if (!retry) {
      RoutingBalance.check(s, spec, payments);
    }
    CommitmentTransaction ct = CommitmentBuilder.build(s.params(), Side.COUNTERPARTY, spec, c.point());
    CommitmentCheck.check(ct, c.commitment());
    List<HtlcTransaction> htlcs = HtlcTransactions.build(s.params(), ct);
    ByteVector htlcOutput = Bolt3Scripts.toLocal(ct.keys().revocationKey(), s.params().counterparty().toSelfDelay(),
        ct.keys().localDelayedKey());
    HtlcTransactionCheck.check(htlcs, c.htlcTransactions(), htlcOutput);

    ByteVector signature = Bolt3Signatures.signCommitment(ct, keys.funding());
    List<ByteVector> htlcSignatures = new ArrayList<>();
    try (SecretBytes htlcKey = keys.htlcKey(c.point())) {
      for (HtlcTransaction h : htlcs) {
        htlcSignatures.add(Bolt3Signatures.signHtlc(h, false, htlcKey));
      }
    }
    ChannelState next = s;
    if (!retry) {
      List<CounterpartyCommitment> unrevoked = new ArrayList<>(s.counterpartyUnrevoked());
      unrevoked.add(signed);
      next = s.withCounterparty(n + 1, s.counterpartyRevoked(), unrevoked, s.counterpartySecrets());
    }
    return new ChannelOutcome.Applied(next, new ChannelReply.CommitmentSignatures(n, signature, htlcSignatures));
  }

  static ChannelOutcome revoked(ChannelState s, ValidateCounterpartyRevocation c) throws ChannelPolicyException {
    long n = c.number();
    if (c.secret().length() != 32) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_PREVIOUS_REVOKED, "per-commitment secret must be 32 bytes, got "
          + c.secret().length());
    }
    if (n >= 0 && n < s.counterpartyRevoked()) {
      try (SecretBytes stored = s.counterpartySecrets().lookup(n)) {
        if (!stored.equalsConstantTime(c.secret())) {
          throw new ChannelPolicyException(LnPolicy.COMMITMENT_PREVIOUS_REVOKED, "channel " + s.id()
              + ": a different secret for counterparty commitment " + n + " was already stored");
        }
      } catch (Bolt3Exception e) {
        throw new IllegalStateException("stored counterparty secret " + n + " cannot be derived", e);
      }
      return new ChannelOutcome.Applied(s, new ChannelReply.CounterpartyRevoked(n));
    }
    if (n != s.counterpartyRevoked() || s.nextCounterpartyNumber() < n + 2) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_PREVIOUS_REVOKED, "channel " + s.id() + ": revocation of counterparty"
          + " commitment " + n + " received, expected " + s.counterpartyRevoked() + " after signing " + (s.counterpartyRevoked() + 1)
          + " (signed up to " + (s.nextCounterpartyNumber() - 1) + ")");
    }
    CounterpartyCommitment revoked = s.counterpartyUnrevoked().getFirst();
    if (!matches(c.secret(), revoked)) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_PREVIOUS_REVOKED, "channel " + s.id()
          + ": secret for counterparty commitment " + n + " does not match its per-commitment point " + revoked.point());
    }
    CounterpartySecrets secrets;
    try {
      secrets = s.counterpartySecrets().insert(n, c.secret());
    } catch (Bolt3Exception e) {
      throw new ChannelPolicyException(LnPolicy.COMMITMENT_PREVIOUS_REVOKED, "channel " + s.id() + ": " + e.getMessage());
    }
    List<CounterpartyCommitment> unrevoked = s.counterpartyUnrevoked().subList(1, s.counterpartyUnrevoked().size());
    ChannelState next = s.withCounterparty(s.nextCounterpartyNumber(), n + 1, unrevoked, secrets);
    return new ChannelOutcome.Applied(next, new ChannelReply.CounterpartyRevoked(n));
  }

  /** Whether {@code secret * G} is the point the commitment was keyed with (false for a non-scalar). */
  private static boolean matches(SecretBytes secret, CounterpartyCommitment commitment) {
    try {
      return KeyDerivation.publicKeyOf(secret).equals(commitment.point());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
