package dev.custos.core.frost;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The FROST two-round threshold Schnorr signing protocol of RFC 9591 §5 over secp256k1, in the
 * given {@link FrostDialect}. Pure functions: no I/O, randomness injected, secrets in zeroizable
 * buffers, all curve arithmetic in libsecp256k1.
 *
 * <ol>
 *   <li>Each selected signer: {@link #commit} (round one), sending
 *       {@link SigningNonces#commitments()} to the coordinator and keeping the nonces secret.
 *   <li>Each signer, given the coordinator's {@link SigningPackage}: {@link #sign} (round two).
 *   <li>The coordinator: {@link #verifySignatureShare} / {@link #aggregate}.
 * </ol>
 *
 * <p>For BIP340 dialects ({@link FrostDialect#normalizesToEvenY()}) the group key is used with
 * even y (signers negate their share when it is odd) and the nonces are negated when the group
 * commitment has odd y, as ZF {@code frost-secp256k1-tr} does; to sign for a taproot output key,
 * first apply a {@link TaprootTweak} to the key packages.
 */
public final class Frost {
  private final FrostDialect dialect;

  public Frost(FrostDialect dialect) {
    if (dialect == null) {
      throw new IllegalArgumentException("dialect must not be null");
    }
    this.dialect = dialect;
  }

  public FrostDialect dialect() {
    return dialect;
  }

  /**
   * Round one (RFC 9591 §5.1): fresh hiding and binding nonces, each {@code H3(random_bytes(32) ||
   * SerializeScalar(sk_i))} (§4.1 {@code nonce_generate}), and their commitments. The hiding
   * nonce's 32 random bytes are drawn first.
   */
  public SigningNonces commit(KeyPackage key, SecureRandom random) throws FrostException {
    byte[] secret = key.signingShare().copy();
    byte[] hidingRandom = new byte[32];
    byte[] bindingRandom = new byte[32];
    byte[] hiding = null;
    try {
      random.nextBytes(hidingRandom);
      hiding = dialect.h3Nonce(hidingRandom, secret);
      random.nextBytes(bindingRandom);
      byte[] binding = dialect.h3Nonce(bindingRandom, secret);
      SigningNonces nonces = SigningNonces.ofOwned(key.identifier(), hiding, binding);
      hiding = null;
      return nonces;
    } finally {
      Arrays.fill(secret, (byte) 0);
      Arrays.fill(hidingRandom, (byte) 0);
      Arrays.fill(bindingRandom, (byte) 0);
      if (hiding != null) {
        Arrays.fill(hiding, (byte) 0);
      }
    }
  }

  /**
   * Round two (RFC 9591 §5.2): {@code z_i = d_i + e_i * rho_i + lambda_i * s_i * c}.
   *
   * <p>Refuses a package that does not contain this participant, whose commitment for this
   * participant differs from {@code nonces}' commitments, or that has fewer than
   * {@code minSigners} participants. <b>The nonces are consumed whatever the outcome</b>: they are
   * zeroized before this method returns or throws, and a consumed nonce is refused with
   * {@link FrostException.Kind#NONCE_REUSED}.
   */
  public SignatureShare sign(SigningPackage pkg, SigningNonces nonces, KeyPackage key) throws FrostException {
    if (nonces.isConsumed()) {
      throw new FrostException(FrostException.Kind.NONCE_REUSED, "signing nonces were already used", key.identifier());
    }
    byte[] d = null;
    byte[] e = null;
    byte[] s = null;
    byte[] eRho = null;
    byte[] nonceSum = null;
    byte[] keyTerm = null;
    byte[] z = null;
    try {
      Identifier id = key.identifier();
      SigningCommitments own = pkg.commitmentsOf(id).orElseThrow(() -> new FrostException(
          FrostException.Kind.INVALID_PARTICIPANTS, id + " is not in the signing package", id));
      if (!own.equals(nonces.commitments())) {
        throw new FrostException(
            FrostException.Kind.INVALID_PARTICIPANTS, "the signing package's commitment for " + id + " is not ours", id);
      }
      if (pkg.commitments().size() < key.minSigners()) {
        throw new FrostException(
            FrostException.Kind.INVALID_PARTICIPANTS,
            "signing package has " + pkg.commitments().size() + " participants < minSigners=" + key.minSigners());
      }
      boolean negateKey = dialect.normalizesToEvenY() && !key.groupKey().hasEvenY();
      SigningContext ctx = SigningContext.of(dialect, pkg, effectiveGroupKey(key.groupKey()));
      Scalar lambda = ctx.lagrange(id);
      byte[] rawD = nonces.hidingCopy();
      byte[] rawE = nonces.bindingCopy();
      byte[] rawS = key.signingShare().copy();
      try {
        d = SecretArithmetic.conditionalNegate(rawD, ctx.negatesNonces());
        e = SecretArithmetic.conditionalNegate(rawE, ctx.negatesNonces());
        s = SecretArithmetic.conditionalNegate(rawS, negateKey);
      } finally {
        Arrays.fill(rawD, (byte) 0);
        Arrays.fill(rawE, (byte) 0);
        Arrays.fill(rawS, (byte) 0);
      }
      eRho = SecretArithmetic.multiply(e, ctx.bindingFactors.get(id));
      nonceSum = SecretArithmetic.add(d, eRho);
      keyTerm = SecretArithmetic.multiply(s, lambda.multiply(ctx.challenge));
      z = SecretArithmetic.add(nonceSum, keyTerm);
      return new SignatureShare(id, Scalar.decode(z));
    } finally {
      nonces.close();
      for (byte[] b : new byte[][] {d, e, s, eRho, nonceSum, keyTerm, z}) {
        if (b != null) {
          Arrays.fill(b, (byte) 0);
        }
      }
    }
  }

  /**
   * RFC 9591 §5.4: {@code G * z_i == commitment_share_i + Y_i * (c * lambda_i)}, with BIP340
   * negations where the dialect requires them. Throws {@link FrostException.Kind#INVALID_SIGNATURE_SHARE}
   * naming the signer when the share is wrong.
   */
  public void verifySignatureShare(SigningPackage pkg, SignatureShare share, PublicKeyPackage publicKeys)
      throws FrostException {
    verifySignatureShare(SigningContext.of(dialect, pkg, effectiveGroupKey(publicKeys.groupKey())), share, publicKeys);
  }

  /**
   * RFC 9591 §5.3: verifies every share (§5.4) and returns {@code (R, Σ z_i)}. The shares must
   * come from exactly the participants of {@code pkg}.
   */
  public FrostSignature aggregate(SigningPackage pkg, List<SignatureShare> shares, PublicKeyPackage publicKeys)
      throws FrostException {
    Set<Identifier> from = new HashSet<>();
    for (SignatureShare share : shares) {
      if (!from.add(share.identifier())) {
        throw new FrostException(
            FrostException.Kind.INVALID_PARTICIPANTS, "two signature shares from " + share.identifier(), share.identifier());
      }
    }
    if (!from.equals(new HashSet<>(pkg.participants()))) {
      throw new FrostException(
          FrostException.Kind.INVALID_PARTICIPANTS, "signature shares are from " + from + ", expected " + pkg.participants());
    }
    SigningContext ctx = SigningContext.of(dialect, pkg, effectiveGroupKey(publicKeys.groupKey()));
    Scalar z = Scalar.ZERO;
    for (SignatureShare share : shares) {
      verifySignatureShare(ctx, share, publicKeys);
      z = z.add(share.z());
    }
    return new FrostSignature(ctx.groupCommitment, z, dialect.encodeSignature(ctx.groupCommitment, z));
  }

  /**
   * RFC 9591 §4.4 binding-factor inputs ({@code rho_input}) per participant, for the group key the
   * dialect signs with (even y for BIP340 dialects).
   */
  public Map<Identifier, byte[]> bindingFactorInputs(SigningPackage pkg, GroupElement groupKey) throws FrostException {
    Map<Identifier, byte[]> copy = new LinkedHashMap<>();
    SigningContext.of(dialect, pkg, effectiveGroupKey(groupKey)).bindingFactorInputs.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** RFC 9591 §4.4 binding factors per participant. */
  public Map<Identifier, Scalar> bindingFactors(SigningPackage pkg, GroupElement groupKey) throws FrostException {
    return Map.copyOf(SigningContext.of(dialect, pkg, effectiveGroupKey(groupKey)).bindingFactors);
  }

  private GroupElement effectiveGroupKey(GroupElement groupKey) {
    return dialect.normalizesToEvenY() ? groupKey.withEvenY() : groupKey;
  }

  private void verifySignatureShare(SigningContext ctx, SignatureShare share, PublicKeyPackage publicKeys)
      throws FrostException {
    Identifier id = share.identifier();
    SigningCommitments commitments = ctx.signingPackage.commitmentsOf(id).orElseThrow(() -> new FrostException(
        FrostException.Kind.INVALID_PARTICIPANTS, id + " is not in the signing package", id));
    GroupElement verifyingShare = publicKeys.verifyingShare(id);
    if (dialect.normalizesToEvenY() && !publicKeys.groupKey().hasEvenY()) {
      verifyingShare = verifyingShare.negate();
    }
    boolean valid;
    try {
      GroupElement lhs = GroupElement.generatorTimes(share.z());
      GroupElement rhs = ctx.commitmentShare(commitments)
          .add(verifyingShare.multiply(ctx.challenge.multiply(ctx.lagrange(id))));
      valid = lhs.equals(rhs);
    } catch (FrostException identity) {
      if (identity.kind() != FrostException.Kind.IDENTITY_OR_ZERO) {
        throw identity;
      }
      valid = false;
    }
    if (!valid) {
      throw new FrostException(FrostException.Kind.INVALID_SIGNATURE_SHARE, "signature share of " + id + " is invalid", id);
    }
  }
}
