package dev.custos.service.cosigner;

import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.DkgContext;
import dev.custos.core.frost.DkgTranscript;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.PublicKeyPackage;
import dev.custos.core.frost.TaprootTweak;
import dev.custos.core.frost.VssCommitment;
import dev.custos.core.frost.ZfSecp256k1Taproot;
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
 */
public record GroupFile(GroupPlan plan, Map<Identifier, Dkg.Round1Package> round1, Map<Identifier, DkgCertificate> certificates,
    byte[] transcriptHash, PublicKeyPackage internalKeys, PublicKeyPackage outputKeys) {

  public GroupFile {
    round1 = Map.copyOf(round1);
    certificates = Map.copyOf(certificates);
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
   * Checks the ceremony record and derives the keys.
   *
   * @throws FrostException naming the member whose package or certificate is missing or wrong
   */
  public static GroupFile verify(GroupPlan plan, Map<Identifier, Dkg.Round1Package> round1, Map<Identifier, DkgCertificate> certificates)
      throws FrostException {
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
    return new GroupFile(plan, round1, certificates, transcript, internal, TaprootTweak.keyPathOnly().applyTo(internal));
  }
}
