package dev.custos.service.cosigner;

import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.DkgContext;
import dev.custos.core.frost.DkgTranscript;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.PublicKeyPackage;
import dev.custos.core.frost.RefreshTranscript;
import dev.custos.core.frost.ShareRefresh;
import dev.custos.core.frost.TaprootTweak;
import dev.custos.core.frost.VssCommitment;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A FROST group after its DKG, in a form anyone can check without a secret: the plan, every
 * participant's round-one package and every participant's certificate. {@link #verify} recomputes
 * the transcript hash, checks every proof of knowledge and every certificate against the pinned
 * identity key, and derives the verifying shares and the internal group key from the
 * commitments; the BIP341 output key is the internal key tweaked by
 * {@link TaprootTweak#keyPathOnly()} (BIP86). A group file that verifies was certified by all
 * {@code n} identity keys of its plan; one changed byte does not verify.
 *
 * <p>Share refreshes are appended as {@link GroupRefresh}es, a chain: the first refresh's
 * transcript ({@code RefreshTranscript}) includes the DKG's transcript hash, each later one the
 * previous refresh's, and every member must have certified each. The verifying shares are those
 * after the last refresh; {@link #transcriptHash()} is the last transcript of the chain. The group
 * key never changes.
 */
public record GroupFile(GroupPlan plan, Map<Identifier, Dkg.Round1Package> round1, Map<Identifier, DkgCertificate> certificates,
    List<GroupRefresh> refreshes, byte[] transcriptHash, PublicKeyPackage internalKeys, PublicKeyPackage outputKeys) {

  public GroupFile {
    round1 = Map.copyOf(round1);
    certificates = Map.copyOf(certificates);
    refreshes = List.copyOf(refreshes);
    transcriptHash = transcriptHash.clone();
  }

  @Override
  public byte[] transcriptHash() {
    return transcriptHash.clone();
  }

  /** The x-only internal key (what goes into {@code tr()}). */
  public byte[] internalKey() {
    return internalKeys.groupKey().xOnly();
  }

  /** The x-only BIP341 output key (what the scriptPubKey {@code OP_1 <32>} holds). */
  public byte[] outputKey() {
    return outputKeys.groupKey().xOnly();
  }

  /**
   * Whether {@code ceremonyId} was already used by this group: the DKG's ceremony id or one of its
   * refreshes' ids. A new refresh or repair must pick another, so that no transcript repeats.
   */
  public boolean usedCeremonyId(byte[] ceremonyId) {
    return MessageDigest.isEqual(ceremonyId, plan.ceremonyId())
        || refreshes.stream().anyMatch(r -> MessageDigest.isEqual(ceremonyId, r.ceremonyId()));
  }

  /**
   * Checks the ceremony record and derives the keys.
   *
   * @throws FrostException naming the member whose package or certificate is missing or wrong
   */
  public static GroupFile verify(GroupPlan plan, Map<Identifier, Dkg.Round1Package> round1, Map<Identifier, DkgCertificate> certificates)
      throws FrostException {
    return verify(plan, round1, certificates, List.of());
  }

  /** This group with {@code refresh} appended, verified. */
  public GroupFile refreshed(GroupRefresh refresh) throws FrostException {
    List<GroupRefresh> chain = new ArrayList<>(refreshes);
    chain.add(refresh);
    return verify(plan, round1, certificates, chain);
  }

  /**
   * Checks the ceremony record and its chain of refreshes, and derives the keys.
   *
   * @throws FrostException naming the member whose package, commitment or certificate is missing
   *     or wrong, or the refresh whose ceremony id repeats an earlier one of the chain
   */
  public static GroupFile verify(GroupPlan plan, Map<Identifier, Dkg.Round1Package> round1, Map<Identifier, DkgCertificate> certificates,
      List<GroupRefresh> refreshes) throws FrostException {
    DkgContext context = plan.dkgContext();
    Map<Identifier, VssCommitment> commitments = new TreeMap<>();
    for (GroupMember m : plan.members()) {
      Dkg.Round1Package p = round1.get(m.identifier());
      if (p == null) {
        throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "no round-one package for member " + m.index(), m.identifier());
      }
      if (p.commitment().threshold() != plan.threshold()) {
        throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "member " + m.index() + " committed to "
            + p.commitment().threshold() + " coefficients, not " + plan.threshold(), m.identifier());
      }
      p.proofOfKnowledge().verify(ZfSecp256k1Taproot.INSTANCE, m.identifier(), p.commitment());
      commitments.put(m.identifier(), p.commitment());
    }
    if (round1.size() != plan.members().size()) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "round-one packages for non-members");
    }
    byte[] transcript = DkgTranscript.hash(ZfSecp256k1Taproot.INSTANCE, context, round1);
    for (GroupMember m : plan.members()) {
      DkgCertificate c = certificates.get(m.identifier());
      if (c == null || !c.signer().equals(m.identifier())) {
        throw new FrostException(FrostException.Kind.INVALID_CERTIFICATE, "no certificate from member " + m.index(), m.identifier());
      }
      c.verify(m.identityKey(), transcript);
    }
    if (certificates.size() != plan.members().size()) {
      throw new FrostException(FrostException.Kind.INVALID_CERTIFICATE, "certificates from non-members");
    }
    PublicKeyPackage internal = Dkg.publicKeyPackage(commitments);
    List<byte[]> ceremonyIds = new ArrayList<>(List.of(plan.ceremonyId()));
    for (int r = 0; r < refreshes.size(); r++) {
      GroupRefresh refresh = refreshes.get(r);
      for (byte[] earlier : ceremonyIds) {
        if (MessageDigest.isEqual(earlier, refresh.ceremonyId())) {
          throw new FrostException(FrostException.Kind.TRANSCRIPT_MISMATCH, "refresh " + (r + 1) + " repeats an earlier ceremony id");
        }
      }
      ceremonyIds.add(refresh.ceremonyId());
      transcript = verifyRefresh(plan, r + 1, refresh, transcript);
      internal = ShareRefresh.refreshedPublicKeyPackage(internal, refresh.commitments());
    }
    return new GroupFile(plan, round1, certificates, refreshes, transcript, internal, TaprootTweak.keyPathOnly().applyTo(internal));
  }

  /** Checks one refresh of the chain and returns its transcript hash. */
  private static byte[] verifyRefresh(GroupPlan plan, int number, GroupRefresh refresh, byte[] previous) throws FrostException {
    for (GroupMember m : plan.members()) {
      VssCommitment c = refresh.commitments().get(m.identifier());
      if (c == null || c.threshold() != plan.threshold() - 1) {
        throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "refresh " + number + ": member " + m.index()
            + (c == null ? " has no commitment" : " committed to " + c.threshold() + " points, not " + (plan.threshold() - 1)), m.identifier());
      }
    }
    byte[] transcript = RefreshTranscript.hash(ZfSecp256k1Taproot.INSTANCE, plan.refreshContext(refresh.ceremonyId()), previous,
        refresh.commitments());
    for (GroupMember m : plan.members()) {
      DkgCertificate c = refresh.certificates().get(m.identifier());
      if (c == null || !c.signer().equals(m.identifier())) {
        throw new FrostException(FrostException.Kind.INVALID_CERTIFICATE, "refresh " + number + ": no certificate from member " + m.index(),
            m.identifier());
      }
      c.verify(m.identityKey(), transcript);
    }
    if (refresh.certificates().size() != plan.members().size()) {
      throw new FrostException(FrostException.Kind.INVALID_CERTIFICATE, "refresh " + number + ": certificates from non-members");
    }
    return transcript;
  }
}
