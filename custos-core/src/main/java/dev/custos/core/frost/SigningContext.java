package dev.custos.core.frost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public values every signer, and the coordinator, derive from a {@link SigningPackage} and
 * the group key (RFC 9591 §4.4–4.6): binding factors, group commitment and challenge. The group
 * key passed in is the one the dialect signs for (already even-y for BIP340 dialects).
 */
final class SigningContext {
  final FrostDialect dialect;
  final SigningPackage signingPackage;
  final GroupElement groupKey;
  final Map<Identifier, byte[]> bindingFactorInputs;
  final Map<Identifier, Scalar> bindingFactors;
  final GroupElement groupCommitment;
  final Scalar challenge;

  private SigningContext(
      FrostDialect dialect,
      SigningPackage signingPackage,
      GroupElement groupKey,
      Map<Identifier, byte[]> inputs,
      Map<Identifier, Scalar> factors,
      GroupElement groupCommitment,
      Scalar challenge) {
    this.dialect = dialect;
    this.signingPackage = signingPackage;
    this.groupKey = groupKey;
    this.bindingFactorInputs = inputs;
    this.bindingFactors = factors;
    this.groupCommitment = groupCommitment;
    this.challenge = challenge;
  }

  static SigningContext of(FrostDialect dialect, SigningPackage pkg, GroupElement groupKey) throws FrostException {
    Map<Identifier, byte[]> inputs = bindingFactorInputs(dialect, pkg, groupKey);
    Map<Identifier, Scalar> factors = new LinkedHashMap<>();
    for (var e : inputs.entrySet()) {
      factors.put(e.getKey(), dialect.h1(e.getValue()));
    }
    List<GroupElement> terms = new ArrayList<>();
    for (SigningCommitments c : pkg.commitments()) {
      terms.add(c.hiding());
      terms.add(c.binding().multiply(factors.get(c.identifier())));
    }
    GroupElement r = GroupElement.sum(terms);
    return new SigningContext(dialect, pkg, groupKey, inputs, factors, r, dialect.challenge(r, groupKey, pkg.message()));
  }

  /** RFC 9591 §4.4 {@code compute_binding_factors}: the per-participant inputs to H1. */
  private static Map<Identifier, byte[]> bindingFactorInputs(FrostDialect dialect, SigningPackage pkg, GroupElement groupKey) {
    byte[] key = groupKey.encode();
    byte[] msgHash = dialect.h4(pkg.message());
    byte[] commitmentHash = dialect.h5(pkg.encodeCommitmentList());
    Map<Identifier, byte[]> inputs = new LinkedHashMap<>();
    for (SigningCommitments c : pkg.commitments()) {
      byte[] input = new byte[key.length + 32 + 32 + 32];
      System.arraycopy(key, 0, input, 0, key.length);
      System.arraycopy(msgHash, 0, input, key.length, 32);
      System.arraycopy(commitmentHash, 0, input, key.length + 32, 32);
      System.arraycopy(c.identifier().encode(), 0, input, key.length + 64, 32);
      inputs.put(c.identifier(), input);
    }
    return inputs;
  }

  /** True when BIP340 normalization requires signers to negate their nonces. */
  boolean negatesNonces() {
    return dialect.normalizesToEvenY() && !groupCommitment.hasEvenY();
  }

  /** {@code hiding_i + binding_i * rho_i}, negated when the nonces are negated. */
  GroupElement commitmentShare(SigningCommitments c) throws FrostException {
    GroupElement share = c.hiding().add(c.binding().multiply(bindingFactors.get(c.identifier())));
    return negatesNonces() ? share.negate() : share;
  }

  Scalar lagrange(Identifier id) throws FrostException {
    return Lagrange.atZero(id, signingPackage.participants());
  }
}
