package dev.custos.ldk.harness;

import dev.custos.core.ln.signer.ChannelReply;
import dev.custos.core.ln.bolt3.ChannelParameters;
import dev.custos.core.ln.bolt3.ChannelPublicKeys;
import dev.custos.core.ln.bolt3.Htlc;
import dev.custos.core.secret.SecretBytes;
import dev.custos.ldk.signer.ChannelSignerException;
import dev.custos.ldk.signer.ChannelSignerPort;
import dev.custos.ldk.signer.CommitmentProposal;
import dev.custos.ldk.signer.CommitmentSignatures;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the signatures a {@link ChannelSignerPort} produces, per operation, then delegates. */
public final class CountingSignerPort implements ChannelSignerPort {
  private final ChannelSignerPort delegate;
  private final Map<String, AtomicInteger> counts;

  public CountingSignerPort(ChannelSignerPort delegate, Map<String, AtomicInteger> counts) {
    this.delegate = delegate;
    this.counts = counts;
  }

  public static Map<String, AtomicInteger> newCounts() {
    return new ConcurrentHashMap<>();
  }

  private void count(String op) {
    counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
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
    count("releaseCommitmentSecret");
    return delegate.releaseCommitmentSecret(n);
  }

  @Override
  public void setup(ChannelParameters params) throws ChannelSignerException {
    count("setup");
    delegate.setup(params);
  }

  @Override
  public void validateHolderCommitment(CommitmentProposal p, ByteVector sig, java.util.List<ByteVector> htlcSigs)
      throws ChannelSignerException {
    delegate.validateHolderCommitment(p, sig, htlcSigs);
    count("validateHolderCommitment");
  }

  @Override
  public CommitmentSignatures signCounterpartyCommitment(CommitmentProposal p) throws ChannelSignerException {
    CommitmentSignatures s = delegate.signCounterpartyCommitment(p);
    count("signCounterpartyCommitment");
    counts.computeIfAbsent("counterpartyHtlcSignatures", k -> new AtomicInteger()).addAndGet(s.htlcSignatures().size());
    return s;
  }

  @Override
  public void validateCounterpartyRevocation(long n, SecretBytes secret) throws ChannelSignerException {
    delegate.validateCounterpartyRevocation(n, secret);
    count("validateCounterpartyRevocation");
  }

  @Override
  public CommitmentSignatures signHolderCommitment(CommitmentProposal p, ByteVector sig) throws ChannelSignerException {
    CommitmentSignatures s = delegate.signHolderCommitment(p, sig);
    count("signHolderCommitment");
    return s;
  }

  @Override
  public ByteVector signMutualClose(Satoshi h, Satoshi c, ByteVector hs, ByteVector cs, Transaction proposed)
      throws ChannelSignerException {
    ByteVector s = delegate.signMutualClose(h, c, hs, cs, proposed);
    count("signMutualClose");
    return s;
  }

  @Override
  public ByteVector signJusticeToLocal(Transaction sweep, int input, Satoshi amount, SecretBytes secret)
      throws ChannelSignerException {
    ByteVector s = delegate.signJusticeToLocal(sweep, input, amount, secret);
    count("signJusticeToLocal");
    return s;
  }

  @Override
  public ByteVector signJusticeHtlc(Transaction sweep, int input, Satoshi amount, SecretBytes secret, Htlc htlc)
      throws ChannelSignerException {
    ByteVector s = delegate.signJusticeHtlc(sweep, input, amount, secret, htlc);
    count("signJusticeHtlc");
    return s;
  }

  @Override
  public ByteVector signCounterpartyHtlcClaim(Transaction sweep, int input, Satoshi amount, PublicKey point, Htlc htlc)
      throws ChannelSignerException {
    ByteVector s = delegate.signCounterpartyHtlcClaim(sweep, input, amount, point, htlc);
    count("signCounterpartyHtlcClaim");
    return s;
  }

  @Override
  public ChannelReply.AnnouncementSignatures signChannelAnnouncement(byte[] unsignedAnnouncement)
      throws ChannelSignerException {
    ChannelReply.AnnouncementSignatures s = delegate.signChannelAnnouncement(unsignedAnnouncement);
    count("signChannelAnnouncement");
    return s;
  }
}
