package dev.custos.ldk.harness;

import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.ln.bolt3.Bolt3Scripts;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.ClosingTransactions;
import dev.custos.core.ln.bolt3.CommitmentBuilder;
import dev.custos.core.ln.bolt3.CommitmentSpec;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.ln.bolt3.MilliSatoshi;
import dev.custos.core.ln.bolt3.Side;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.signer.ChannelSignerException;
import dev.custos.ldk.signer.ChannelSignerPort;
import dev.custos.ldk.signer.CommitmentProposal;
import dev.custos.ldk.signer.CommitmentSignatures;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayList;
import java.util.List;

/**
 * A compromised Lightning node in front of the Custos port: it forwards LDK's honest requests, but
 * at one point of the channel's life it first asks Custos for something that would lose funds
 * (issue 7 §3). What Custos answered to the attack is kept in {@link #attempts()}; the honest
 * request then goes through, so LDK carries on and the test can show where the funds went.
 */
public final class CompromisedNodePort implements ChannelSignerPort {
  /** What the node tries. */
  public enum Attack {
    /** At force close, sign the oldest (revoked) holder commitment instead of the latest. */
    SIGN_REVOKED_HOLDER_COMMITMENT,
    /** Right after signing counterparty commitment n >= 1, ask for n+1 while n-1 is unrevoked. */
    SIGN_COUNTERPARTY_BEFORE_REVOCATION,
    /** At mutual close, pay our balance to a foreign P2WPKH instead of our wallet. */
    CLOSE_TO_FOREIGN_ADDRESS,
    /** Punishing a revoked commitment, sweep its {@code to_local} to a foreign P2WPKH instead of our wallet. */
    JUSTICE_TO_FOREIGN_ADDRESS
  }

  /** What Custos answered to one attack: the refusal, or a signature if it was (wrongly) given. */
  public record Attempt(Attack attack, ChannelSignerException refusal, Transaction attempted) {}

  /** The foreign destination of {@link Attack#CLOSE_TO_FOREIGN_ADDRESS}. */
  public static final ByteVector FOREIGN_SCRIPT = Bolt3Scripts.p2wpkh(new PublicKey(ByteVector.fromHex(
      "02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9")));

  private final ChannelSignerPort delegate;
  private final Attack attack;
  private final List<Attempt> attempts;
  private final List<CommitmentProposal> holderCommitments = new ArrayList<>();
  private ChannelParameters params;

  public CompromisedNodePort(ChannelSignerPort delegate, Attack attack, List<Attempt> attempts) {
    this.delegate = delegate;
    this.attack = attack;
    this.attempts = attempts;
  }

  /** The holder commitments LDK validated, oldest first. */
  public List<CommitmentProposal> holderCommitments() {
    return List.copyOf(holderCommitments);
  }

  @Override
  public ChannelPublicKeys holderKeys() {
    return delegate.holderKeys();
  }

  @Override
  public PublicKey perCommitmentPoint(long n) throws ChannelSignerException {
    return delegate.perCommitmentPoint(n);
  }

  @Override
  public SecretBytes releaseCommitmentSecret(long n) throws ChannelSignerException {
    return delegate.releaseCommitmentSecret(n);
  }

  @Override
  public void setup(ChannelParameters p) throws ChannelSignerException {
    delegate.setup(p);
    params = p;
  }

  @Override
  public void validateHolderCommitment(CommitmentProposal p, ByteVector sig, List<ByteVector> htlcSigs)
      throws ChannelSignerException {
    delegate.validateHolderCommitment(p, sig, htlcSigs);
    holderCommitments.add(p);
  }

  @Override
  public CommitmentSignatures signCounterpartyCommitment(CommitmentProposal p) throws ChannelSignerException {
    CommitmentSignatures honest = delegate.signCounterpartyCommitment(p);
    long n = p.spec().commitmentNumber();
    if (attack == Attack.SIGN_COUNTERPARTY_BEFORE_REVOCATION && attempts.isEmpty() && n >= 1) {
      CommitmentSpec s = p.spec();
      CommitmentSpec next = new CommitmentSpec(n + 1, s.feerate(), s.toLocal(), s.toRemote(), s.htlcs());
      Transaction tx = CommitmentBuilder.build(params, Side.COUNTERPARTY, next, p.perCommitmentPoint()).tx();
      attempt(tx, () -> delegate.signCounterpartyCommitment(new CommitmentProposal(next, p.perCommitmentPoint(), tx)));
    }
    return honest;
  }

  @Override
  public void validateCounterpartyRevocation(long n, SecretBytes secret) throws ChannelSignerException {
    delegate.validateCounterpartyRevocation(n, secret);
  }

  @Override
  public CommitmentSignatures signHolderCommitment(CommitmentProposal p, ByteVector sig) throws ChannelSignerException {
    if (attack == Attack.SIGN_REVOKED_HOLDER_COMMITMENT && attempts.isEmpty()) {
      CommitmentProposal revoked = holderCommitments.getFirst();
      attempt(revoked.proposed(), () -> delegate.signHolderCommitment(revoked, sig));
    }
    return delegate.signHolderCommitment(p, sig);
  }

  @Override
  public ByteVector signMutualClose(Satoshi h, Satoshi c, ByteVector hs, ByteVector cs, Transaction proposed)
      throws ChannelSignerException {
    if (attack == Attack.CLOSE_TO_FOREIGN_ADDRESS && attempts.isEmpty()) {
      Transaction foreign = ClosingTransactions.legacy(params, msat(h), msat(c), FOREIGN_SCRIPT, cs, new Satoshi(0),
          new Satoshi(1)).tx();
      attempt(foreign, () -> delegate.signMutualClose(h, c, FOREIGN_SCRIPT, cs, foreign));
    }
    return delegate.signMutualClose(h, c, hs, cs, proposed);
  }

  @Override
  public ByteVector signJusticeToLocal(Transaction sweep, int input, Satoshi amount, SecretBytes secret)
      throws ChannelSignerException {
    if (attack == Attack.JUSTICE_TO_FOREIGN_ADDRESS && attempts.isEmpty()) {
      Transaction foreign = new Transaction(sweep.version, sweep.txIn,
          sweep.txOut.stream().map(o -> new TxOut(o.amount, FOREIGN_SCRIPT)).toList(), sweep.lockTime);
      attempt(foreign, () -> delegate.signJusticeToLocal(foreign, input, amount, secret));
    }
    return delegate.signJusticeToLocal(sweep, input, amount, secret);
  }

  @Override
  public ByteVector signJusticeHtlc(Transaction sweep, int input, Satoshi amount, SecretBytes secret, Htlc htlc)
      throws ChannelSignerException {
    return delegate.signJusticeHtlc(sweep, input, amount, secret, htlc);
  }

  @Override
  public ByteVector signCounterpartyHtlcClaim(Transaction sweep, int input, Satoshi amount, PublicKey point, Htlc htlc)
      throws ChannelSignerException {
    return delegate.signCounterpartyHtlcClaim(sweep, input, amount, point, htlc);
  }

  @Override
  public ChannelReply.AnnouncementSignatures signChannelAnnouncement(byte[] unsignedAnnouncement)
      throws ChannelSignerException {
    return delegate.signChannelAnnouncement(unsignedAnnouncement);
  }

  private void attempt(Transaction attempted, Request request) {
    try {
      request.run();
      attempts.add(new Attempt(attack, null, attempted));
    } catch (ChannelSignerException e) {
      attempts.add(new Attempt(attack, e, attempted));
    }
  }

  private static MilliSatoshi msat(Satoshi s) {
    return new MilliSatoshi(Math.multiplyExact(s.toLong(), 1000L));
  }

  @FunctionalInterface
  private interface Request {
    void run() throws ChannelSignerException;
  }
}
