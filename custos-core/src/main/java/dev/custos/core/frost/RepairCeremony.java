package dev.custos.core.frost;

import dev.custos.core.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Repair of one participant's lost share by {@code t} helpers ({@link RepairableShare}) when every
 * message may pass through an untrusted relay. All parties compute the same
 * {@link RepairTranscript} (group version, lost participant, helper set, fresh repair id); every
 * secret travels in an {@link EncryptedShare} envelope (ECDH of the pinned identity keys,
 * AES-256-GCM) whose associated data is that transcript hash:
 *
 * <ol>
 *   <li>{@link #helperDeltas}, each helper: split {@code λ_i(x_p)·s_i} into one delta per helper;
 *       keep its own, encrypt the others to their helpers.
 *   <li>{@link #sigma}, each helper: open the {@code t − 1} deltas addressed to it (one from every
 *       other helper), add its own, and encrypt the sum to the lost participant.
 *   <li>{@link #repair}, the lost participant: open one sigma from every helper and sum them; the
 *       result is accepted only if it matches its verifying share in the group's public key
 *       package ({@link RepairableShare#repairedKey}), so a wrong delta or sigma yields no key.
 * </ol>
 *
 * <p>The group key, threshold and every other share are unchanged; nothing is certified because
 * nothing public changes: the check against the known verifying share is what the lost
 * participant relies on.
 */
public final class RepairCeremony {
  private final DkgContext context;
  private final Identifier lost;
  private final List<Identifier> helpers;
  private final byte[] transcript;

  /**
   * @param context the group's identities and threshold, with a fresh repair id as ceremony id
   * @param groupTranscript the transcript hash of the group version whose share is repaired
   * @throws FrostException see {@link RepairTranscript#hash}
   */
  public RepairCeremony(FrostDialect dialect, DkgContext context, byte[] groupTranscript, Identifier lost, List<Identifier> helpers)
      throws FrostException {
    this.context = context;
    this.lost = lost;
    this.helpers = List.copyOf(new TreeSet<>(helpers));
    this.transcript = RepairTranscript.hash(dialect, context, groupTranscript, lost, helpers);
  }

  /** The repair transcript hash every envelope is bound to. */
  public byte[] transcriptHash() {
    return transcript.clone();
  }

  /** Output of {@link #helperDeltas}: this helper's own delta (secret, kept) and the envelopes to deliver. */
  public record DeltasSent(Identifier helper, SigningShare ownDelta, Map<Identifier, EncryptedShare> envelopes) implements AutoCloseable {
    @Override
    public void close() {
      ownDelta.close();
    }
  }

  /**
   * Step 1, by the helper holding {@code key}.
   *
   * @throws FrostException {@code INVALID_PARTICIPANTS} when {@code key}'s holder is not a helper
   *     or {@code identity} is not the key pinned for it
   */
  public DeltasSent helperDeltas(IdentityKey identity, KeyPackage key, SecureRandom random) throws FrostException {
    Identifier self = key.identifier();
    checkHelper(identity, self);
    Map<Identifier, SecretBytes> deltas = RepairableShare.helperDeltas(helpers, key, lost, random);
    Map<Identifier, EncryptedShare> envelopes = new TreeMap<>();
    SigningShare own = null;
    try {
      for (var e : deltas.entrySet()) {
        SigningShare delta = SigningShare.of(SecretBytes.takeOwnership(e.getValue().copy()));
        if (e.getKey().equals(self)) {
          own = delta;
        } else {
          try (delta) {
            envelopes.put(e.getKey(), EncryptedShare.seal(identity, self, e.getKey(), context.identityOf(e.getKey()), transcript, delta, random));
          }
        }
      }
      return new DeltasSent(self, own, envelopes);
    } catch (FrostException | RuntimeException e) {
      if (own != null) {
        own.close();
      }
      throw e;
    } finally {
      deltas.values().forEach(SecretBytes::close);
    }
  }

  /**
   * Step 2, by a helper; consumes {@code sent}'s own delta.
   *
   * @return the sigma, encrypted to the lost participant
   * @throws FrostException {@code INVALID_ENCRYPTED_SHARE} for a misaddressed, duplicate, missing,
   *     foreign or undecryptable delta envelope (naming its sender); {@code TRANSCRIPT_MISMATCH}
   *     when a helper ran another repair
   */
  public EncryptedShare sigma(IdentityKey identity, DeltasSent sent, Collection<EncryptedShare> received, SecureRandom random)
      throws FrostException {
    try (sent) {
      Identifier self = sent.helper();
      checkHelper(identity, self);
      List<Identifier> others = new ArrayList<>(helpers);
      others.remove(self);
      Map<Identifier, SigningShare> deltas = open(identity, self, others, received, "delta");
      List<SecretBytes> terms = new ArrayList<>();
      try {
        terms.add(sent.ownDelta().toSecretBytes());
        deltas.values().forEach(d -> terms.add(d.toSecretBytes()));
        try (SecretBytes sum = RepairableShare.sigma(terms); SigningShare sigma = SigningShare.of(SecretBytes.takeOwnership(sum.copy()))) {
          return EncryptedShare.seal(identity, self, lost, context.identityOf(lost), transcript, sigma, random);
        }
      } finally {
        terms.forEach(SecretBytes::close);
        deltas.values().forEach(SigningShare::close);
      }
    }
  }

  /**
   * Step 3, by the lost participant: its repaired key, which the caller owns.
   *
   * @throws FrostException {@code INVALID_ENCRYPTED_SHARE} for a bad sigma envelope (naming its
   *     sender); {@code INVALID_SECRET_SHARE} when the sum is not the participant's verifying share
   *     in {@code publicKeys} (a helper sent a wrong delta or sigma)
   */
  public KeyPackage repair(IdentityKey identity, Collection<EncryptedShare> sigmas, PublicKeyPackage publicKeys) throws FrostException {
    if (!identity.publicKey().equals(context.identityOf(lost))) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "identity key is not the one pinned for " + lost);
    }
    Map<Identifier, SigningShare> opened = open(identity, lost, helpers, sigmas, "sigma");
    List<SecretBytes> terms = new ArrayList<>();
    try {
      opened.values().forEach(s -> terms.add(s.toSecretBytes()));
      return RepairableShare.repairedKey(terms, lost, publicKeys, context.minSigners());
    } finally {
      terms.forEach(SecretBytes::close);
      opened.values().forEach(SigningShare::close);
    }
  }

  private void checkHelper(IdentityKey identity, Identifier self) throws FrostException {
    if (!helpers.contains(self)) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, self + " is not a helper of this repair", self);
    }
    if (!identity.publicKey().equals(context.identityOf(self))) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "identity key is not the one pinned for " + self);
    }
  }

  /** Opens exactly one envelope from each of {@code senders}, addressed to {@code me}; the caller closes the shares. */
  private Map<Identifier, SigningShare> open(IdentityKey identity, Identifier me, List<Identifier> senders, Collection<EncryptedShare> received,
      String what) throws FrostException {
    Map<Identifier, EncryptedShare> bySender = new TreeMap<>();
    for (EncryptedShare envelope : received) {
      if (!senders.contains(envelope.sender())) {
        throw new FrostException(FrostException.Kind.INVALID_ENCRYPTED_SHARE, what + " envelope from " + envelope.sender()
            + ", who is not one of the helpers " + senders, envelope.sender());
      }
      if (bySender.put(envelope.sender(), envelope) != null) {
        throw new FrostException(FrostException.Kind.INVALID_ENCRYPTED_SHARE, "two " + what + " envelopes from " + envelope.sender(),
            envelope.sender());
      }
    }
    TreeSet<Identifier> missing = new TreeSet<>(senders);
    missing.removeAll(bySender.keySet());
    if (!missing.isEmpty()) {
      throw new FrostException(FrostException.Kind.INVALID_ENCRYPTED_SHARE, "no " + what + " envelope from " + missing, missing.first());
    }
    Map<Identifier, SigningShare> shares = new TreeMap<>();
    try {
      for (var e : bySender.entrySet()) {
        shares.put(e.getKey(), e.getValue().open(identity, me, context.identityOf(e.getKey()), transcript));
      }
      return shares;
    } catch (FrostException | RuntimeException e) {
      shares.values().forEach(SigningShare::close);
      throw e;
    }
  }
}
