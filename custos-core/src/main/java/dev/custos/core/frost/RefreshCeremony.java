package dev.custos.core.frost;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One participant's side of a proactive share refresh ({@link ShareRefresh}) as a certified
 * ceremony, the same shape as {@link DkgCeremony} (every message may be relayed by an untrusted
 * coordinator):
 *
 * <ol>
 *   <li>{@link #round1}: a random zero-constant polynomial; broadcast its commitment.
 *   <li>{@link #round2}: given all {@code n} commitments (ours unchanged), compute the
 *       {@link RefreshTranscript} hash (which chains the key's own transcript hash) and
 *       {@link EncryptedShare encrypt} each {@code δ(j)} to its recipient's pinned identity key.
 *   <li>{@link #round3}: open the {@code n - 1} envelopes addressed to us, verify every {@code δ}
 *       against its sender's commitment, add them to our share ({@link ShareRefresh#part3}) and
 *       certify the refresh transcript ({@link DkgCertificate}).
 *   <li>{@link #confirm}: once all {@code n} certificates verify over our refresh transcript, the
 *       refreshed key becomes a {@link CertifiedKey} whose transcript hash is the refresh's.
 * </ol>
 *
 * <p>The group key and the threshold stay the same; the new shares do not combine with the old
 * ones. All {@code n} participants must take part (refresh cannot skip a member). The context
 * must be a fresh one (new ceremony id) with the key's threshold and participants.
 *
 * <p><b>Warning:</b> keep the old share until {@link #confirm} succeeded, then destroy it: a
 * participant that kept its old share can sign with the old shares of others, never with new ones.
 */
public final class RefreshCeremony {
  private final FrostDialect dialect;
  private final DkgContext context;
  private final Identifier self;
  private final CertifiedKey key;

  /**
   * @param key the certified internal key to refresh (not closed here; its transcript hash is
   *     chained into the refresh transcript)
   * @throws FrostException {@code INVALID_PARTICIPANTS} when {@code context}'s threshold or
   *     participants are not the key's, or {@code key} is not {@code context}'s participant
   */
  public RefreshCeremony(FrostDialect dialect, DkgContext context, CertifiedKey key) throws FrostException {
    this.dialect = dialect;
    this.context = context;
    this.key = key;
    this.self = key.keyPackage().identifier();
    context.identityOf(self);
    if (context.minSigners() != key.keyPackage().minSigners()
        || !context.participants().keySet().equals(new TreeSet<>(key.publicKeyPackage().verifyingShares().keySet()))) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "refresh context (t=" + context.minSigners() + ", "
          + context.participants().keySet() + ") is not the key's (t=" + key.keyPackage().minSigners() + ", "
          + new TreeSet<>(key.publicKeyPackage().verifyingShares().keySet()) + ")");
    }
  }

  /** Output of {@link #round2}: the secret state to keep and the envelopes to deliver. */
  public record DeltasSent(ShareRefresh.Round2Secret secret, byte[] transcriptHash, Map<Identifier, EncryptedShare> envelopes)
      implements AutoCloseable {
    @Override
    public void close() {
      secret.close();
    }
  }

  /** A random {@code g} of degree {@code t - 2}; broadcast {@code commitment()}. */
  public ShareRefresh.Round1 round1(SecureRandom random) throws FrostException {
    return ShareRefresh.part1(self, context.maxSigners(), context.minSigners(), random);
  }

  /**
   * Round 2; consumes {@code mine}'s secret.
   *
   * @throws FrostException {@code INVALID_PARTICIPANTS} unless {@code all} holds one commitment
   *     per participant of the right size; {@code TRANSCRIPT_MISMATCH} when ours in {@code all} is
   *     not ours
   */
  public DeltasSent round2(IdentityKey identity, ShareRefresh.Round1 mine, Map<Identifier, VssCommitment> all, SecureRandom random)
      throws FrostException {
    try (ShareRefresh.Round1Secret secret = mine.secret()) {
      checkIdentity(identity);
      byte[] transcript = RefreshTranscript.hash(dialect, context, key.transcriptHash(), all);
      if (!all.get(self).equals(mine.commitment())) {
        throw new FrostException(FrostException.Kind.TRANSCRIPT_MISMATCH, "the refresh commitment given for " + self + " is not ours");
      }
      ShareRefresh.Round2 round2 = ShareRefresh.part2(secret, others(all));
      Map<Identifier, EncryptedShare> envelopes = new TreeMap<>();
      try {
        for (var e : round2.sharesToSend().entrySet()) {
          envelopes.put(e.getKey(), EncryptedShare.seal(
              identity, self, e.getKey(), context.identityOf(e.getKey()), transcript, e.getValue(), random));
        }
      } catch (FrostException | RuntimeException e) {
        round2.secret().close();
        throw e;
      } finally {
        round2.sharesToSend().values().forEach(SigningShare::close);
      }
      return new DeltasSent(round2.secret(), transcript, envelopes);
    }
  }

  /**
   * Round 3; consumes {@code sent}'s secret. {@code all} must be the commitments given to round 2.
   *
   * @throws FrostException {@code TRANSCRIPT_MISMATCH} when {@code all} changed since round 2 or a
   *     sender saw other commitments; {@code INVALID_ENCRYPTED_SHARE} for a misaddressed,
   *     duplicate, missing or undecryptable envelope; {@code INVALID_SECRET_SHARE} naming the
   *     sender of a {@code δ} that does not match its commitment
   */
  public DkgCeremony.Unconfirmed round3(IdentityKey identity, DeltasSent sent, Map<Identifier, VssCommitment> all,
      Collection<EncryptedShare> received, SecureRandom random) throws FrostException {
    try (ShareRefresh.Round2Secret secret = sent.secret()) {
      checkIdentity(identity);
      byte[] transcript = RefreshTranscript.hash(dialect, context, key.transcriptHash(), all);
      if (!MessageDigest.isEqual(transcript, sent.transcriptHash())) {
        throw new FrostException(FrostException.Kind.TRANSCRIPT_MISMATCH, "refresh commitments changed between rounds two and three");
      }
      Map<Identifier, SigningShare> deltas = DkgCeremony.openEnvelopes(context, self, identity, received, transcript);
      try {
        Dkg.Result result = ShareRefresh.part3(secret, key.keyPackage(), key.publicKeyPackage(), others(all), deltas);
        return new DkgCeremony.Unconfirmed(result, transcript, DkgCertificate.sign(identity, self, transcript, random));
      } finally {
        deltas.values().forEach(SigningShare::close);
      }
    }
  }

  /**
   * Makes the refreshed key usable once every participant certified our refresh transcript;
   * closes {@code pending} when refusing.
   *
   * @throws FrostException {@code INVALID_CERTIFICATE} naming a missing, duplicate, unknown or
   *     invalid certificate
   */
  public CertifiedKey confirm(DkgCeremony.Unconfirmed pending, Collection<DkgCertificate> certificates) throws FrostException {
    return DkgCeremony.confirm(context, pending, certificates);
  }

  private void checkIdentity(IdentityKey identity) throws FrostException {
    if (!identity.publicKey().equals(context.identityOf(self))) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "identity key is not the one pinned for " + self);
    }
  }

  private Map<Identifier, VssCommitment> others(Map<Identifier, VssCommitment> all) {
    Map<Identifier, VssCommitment> others = new TreeMap<>(all);
    others.remove(self);
    return others;
  }
}
