package dev.custos.core.frost;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One participant's side of a DKG ceremony without a trusted dealer, as pure steps the shell
 * carries between (every message may be relayed by an untrusted coordinator):
 *
 * <ol>
 *   <li>{@link #round1}: Pedersen DKG part 1 ({@link Dkg#part1}); broadcast the package.
 *   <li>{@link #round2}: given all {@code n} round-one packages (ours included, unchanged), compute
 *       the {@link DkgTranscript} hash, check every proof of knowledge ({@link Dkg#part2}) and
 *       {@link EncryptedShare encrypt} each share to its recipient's pinned identity key with the
 *       transcript hash as associated data.
 *   <li>{@link #round3}: open the {@code n - 1} envelopes addressed to us, verify every share
 *       against its sender's commitment ({@link Dkg#part3}) and sign the transcript hash
 *       ({@link DkgCertificate}). The key is {@link Unconfirmed}: it cannot be used yet.
 *   <li>{@link #confirm}: once all {@code n} certificates verify over our transcript hash, the key
 *       becomes a {@link CertifiedKey} (ChillDKG's CertEq: nobody uses a key others did not get).
 * </ol>
 *
 * <p>Equivocation (participants shown different round-one packages) is caught at the latest by
 * the certificates, usually already when opening a share. Errors are {@link FrostException}s
 * naming the culprit; a failed step leaves nothing usable behind.
 */
public final class DkgCeremony {
  private final FrostDialect dialect;
  private final Dkg dkg;
  private final DkgContext context;
  private final Identifier self;

  /**
   * @throws FrostException {@code INVALID_PARTICIPANTS} when {@code self} is not in the context
   */
  public DkgCeremony(FrostDialect dialect, DkgContext context, Identifier self) throws FrostException {
    this.dialect = dialect;
    this.dkg = new Dkg(dialect);
    this.context = context;
    this.self = self;
    context.identityOf(self);
  }

  /** Output of {@link #round2}: the secret state to keep and the envelopes to deliver. */
  public record SharesSent(Dkg.Round2Secret secret, byte[] transcriptHash, Map<Identifier, EncryptedShare> envelopes)
      implements AutoCloseable {
    @Override
    public void close() {
      secret.close();
    }
  }

  /**
   * Output of {@link #round3}: a key waiting for every participant's certificate. Send
   * {@link #certificate()} to the others; close it if the ceremony is abandoned.
   */
  public static final class Unconfirmed implements AutoCloseable {
    private final Dkg.Result result;
    private final byte[] transcriptHash;
    private final DkgCertificate certificate;
    private boolean done;

    Unconfirmed(Dkg.Result result, byte[] transcriptHash, DkgCertificate certificate) {
      this.result = result;
      this.transcriptHash = transcriptHash;
      this.certificate = certificate;
    }

    public byte[] transcriptHash() {
      return transcriptHash.clone();
    }

    public DkgCertificate certificate() {
      return certificate;
    }

    /** The (internal) group key, public already so that it can be shown for confirmation. */
    public GroupElement groupKey() {
      return result.publicKeyPackage().groupKey();
    }

    /** Closes the pending key unless a {@link CertifiedKey} took it over. Idempotent. */
    @Override
    public void close() {
      if (!done) {
        done = true;
        result.keyPackage().close();
      }
    }

    @Override
    public String toString() {
      return "Unconfirmed[" + result.keyPackage().identifier() + "]";
    }
  }

  /** Part 1 with a fresh random polynomial of degree {@code t - 1}. */
  public Dkg.Round1 round1(SecureRandom random) throws FrostException {
    return dkg.part1(self, context.maxSigners(), context.minSigners(), random);
  }

  /**
   * Round 2; consumes {@code mine}'s secret.
   *
   * @throws FrostException {@code INVALID_PARTICIPANTS} unless {@code all} holds one package per
   *     participant; {@code TRANSCRIPT_MISMATCH} when our own package in {@code all} is not ours;
   *     {@code INVALID_PROOF_OF_KNOWLEDGE} (culprit named) from part 2
   */
  public SharesSent round2(IdentityKey identity, Dkg.Round1 mine, Map<Identifier, Dkg.Round1Package> all, SecureRandom random)
      throws FrostException {
    try (Dkg.Round1Secret secret = mine.secret()) {
      checkIdentity(identity);
      byte[] transcript = DkgTranscript.hash(dialect, context, all);
      Dkg.Round1Package ours = all.get(self);
      if (!Arrays.equals(ours.commitment().encode(), mine.broadcast().commitment().encode())
          || !Arrays.equals(ours.proofOfKnowledge().encode(dialect), mine.broadcast().proofOfKnowledge().encode(dialect))) {
        throw new FrostException(FrostException.Kind.TRANSCRIPT_MISMATCH, "the round-one package given for " + self + " is not ours");
      }
      Dkg.Round2 round2 = dkg.part2(secret, others(all));
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
      return new SharesSent(round2.secret(), transcript, envelopes);
    }
  }

  /**
   * Round 3; consumes {@code sent}'s secret. {@code all} must be the packages given to round 2.
   *
   * @throws FrostException {@code TRANSCRIPT_MISMATCH} when {@code all} changed since round 2 or a
   *     sender saw other packages; {@code INVALID_ENCRYPTED_SHARE} for a misaddressed, duplicate,
   *     missing or undecryptable envelope; {@code INVALID_SECRET_SHARE} from part 3; the culprit is
   *     named where known
   */
  public Unconfirmed round3(IdentityKey identity, SharesSent sent, Map<Identifier, Dkg.Round1Package> all,
      Collection<EncryptedShare> received, SecureRandom random) throws FrostException {
    try (Dkg.Round2Secret secret = sent.secret()) {
      checkIdentity(identity);
      byte[] transcript = DkgTranscript.hash(dialect, context, all);
      if (!MessageDigest.isEqual(transcript, sent.transcriptHash())) {
        throw new FrostException(FrostException.Kind.TRANSCRIPT_MISMATCH, "round-one packages changed between rounds two and three");
      }
      Map<Identifier, SigningShare> shares = openEnvelopes(context, self, identity, received, transcript);
      try {
        Dkg.Result result = dkg.part3(secret, others(all), shares);
        return new Unconfirmed(result, transcript, DkgCertificate.sign(identity, self, transcript, random));
      } finally {
        shares.values().forEach(SigningShare::close);
      }
    }
  }

  /**
   * Makes the key usable once every participant (us included) certified our transcript hash;
   * closes {@code pending} when refusing. A pending key is confirmed at most once.
   *
   * @throws IllegalStateException when {@code pending} was already confirmed, refused or closed
   * @throws FrostException {@code INVALID_CERTIFICATE} naming a missing, duplicate, unknown or
   *     invalid certificate
   */
  public CertifiedKey confirm(Unconfirmed pending, Collection<DkgCertificate> certificates) throws FrostException {
    return confirm(context, pending, certificates);
  }

  /** {@link #confirm} for any ceremony over {@code context} (a DKG or a {@link RefreshCeremony}). */
  static CertifiedKey confirm(DkgContext context, Unconfirmed pending, Collection<DkgCertificate> certificates) throws FrostException {
    if (pending.done) {
      throw new IllegalStateException("pending key was already confirmed, refused or closed");
    }
    try {
      Map<Identifier, DkgCertificate> bySigner = new TreeMap<>();
      for (DkgCertificate c : certificates) {
        if (!context.participants().containsKey(c.signer())) {
          throw new FrostException(FrostException.Kind.INVALID_CERTIFICATE, "certificate from " + c.signer() + ", who is not a participant");
        }
        if (bySigner.put(c.signer(), c) != null) {
          throw new FrostException(FrostException.Kind.INVALID_CERTIFICATE, "two certificates from " + c.signer(), c.signer());
        }
      }
      List<Identifier> missing = new ArrayList<>(context.participants().keySet());
      missing.removeAll(bySigner.keySet());
      if (!missing.isEmpty()) {
        throw new FrostException(FrostException.Kind.INVALID_CERTIFICATE,
            "group key not usable: no certificate from " + missing, missing.getFirst());
      }
      for (var e : bySigner.entrySet()) {
        e.getValue().verify(context.identityOf(e.getKey()), pending.transcriptHash);
      }
      pending.done = true;
      return new CertifiedKey(pending.result.keyPackage(), pending.result.publicKeyPackage(), pending.transcriptHash);
    } catch (FrostException | RuntimeException e) {
      pending.close();
      throw e;
    }
  }

  /**
   * Opens the envelopes addressed to {@code self}: exactly one from every other participant of
   * {@code context}, sealed under {@code transcript}. The caller closes the returned shares.
   */
  static Map<Identifier, SigningShare> openEnvelopes(DkgContext context, Identifier self, IdentityKey identity,
      Collection<EncryptedShare> received, byte[] transcript) throws FrostException {
    Map<Identifier, EncryptedShare> bySender = new TreeMap<>();
    for (EncryptedShare envelope : received) {
      if (envelope.sender().equals(self) || !context.participants().containsKey(envelope.sender())) {
        throw new FrostException(FrostException.Kind.INVALID_ENCRYPTED_SHARE,
            "share envelope from " + envelope.sender() + ", who is not another participant");
      }
      if (bySender.put(envelope.sender(), envelope) != null) {
        throw new FrostException(FrostException.Kind.INVALID_ENCRYPTED_SHARE,
            "two share envelopes from " + envelope.sender(), envelope.sender());
      }
    }
    TreeSet<Identifier> missing = new TreeSet<>(context.participants().keySet());
    missing.remove(self);
    missing.removeAll(bySender.keySet());
    if (!missing.isEmpty()) {
      throw new FrostException(FrostException.Kind.INVALID_ENCRYPTED_SHARE, "no share envelope from " + missing, missing.first());
    }
    Map<Identifier, SigningShare> shares = new HashMap<>();
    try {
      for (var e : bySender.entrySet()) {
        shares.put(e.getKey(), e.getValue().open(identity, self, context.identityOf(e.getKey()), transcript));
      }
      return shares;
    } catch (FrostException | RuntimeException e) {
      shares.values().forEach(SigningShare::close);
      throw e;
    }
  }

  private void checkIdentity(IdentityKey identity) throws FrostException {
    if (!identity.publicKey().equals(context.identityOf(self))) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "identity key is not the one pinned for " + self);
    }
  }

  private Map<Identifier, Dkg.Round1Package> others(Map<Identifier, Dkg.Round1Package> all) {
    Map<Identifier, Dkg.Round1Package> others = new TreeMap<>(all);
    others.remove(self);
    return others;
  }
}
