package dev.custos.core.frost;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The DKG proof of knowledge {@code σ = (R, μ)} of a polynomial's secret {@code a_0} (FROST paper,
 * KeyGen round 1 step 2): {@code k} random, {@code R = G*k}, {@code c = HDKG(SerializeScalar(id)
 * || SerializeElement(φ_0) || SerializeElement(R))}, {@code μ = k + a_0*c}; verified as
 * {@code G*μ == R + c*φ_0}. It prevents rogue-key attacks on the group key. For BIP340 dialects
 * {@code R} has even y so that the proof has the 64-byte BIP340 encoding, as ZF
 * frost-secp256k1-tr does. Encoded with the dialect's signature encoding.
 */
public record ProofOfKnowledge(GroupElement r, Scalar mu) {
  public ProofOfKnowledge {
    if (r == null || mu == null) {
      throw new IllegalArgumentException("proof of knowledge fields must not be null");
    }
  }

  /** Proves knowledge of {@code polynomial}'s secret for participant {@code id}. */
  public static ProofOfKnowledge prove(FrostDialect dialect, Identifier id, SecretPolynomial polynomial, SecureRandom random)
      throws FrostException {
    byte[] k = SecretPolynomial.randomScalar(random);
    byte[] a0 = polynomial.constantTerm();
    byte[] a0c = null;
    byte[] mu = null;
    try {
      GroupElement r = GroupElement.generatorTimesSecret(k);
      if (dialect.normalizesToEvenY() && !r.hasEvenY()) {
        byte[] negated = SecretArithmetic.negate(k);
        Arrays.fill(k, (byte) 0);
        k = negated;
        r = r.negate();
      }
      Scalar c = challenge(dialect, id, polynomial.commitment().verifyingKey(), r);
      a0c = SecretArithmetic.multiply(a0, c);
      mu = SecretArithmetic.add(k, a0c);
      return new ProofOfKnowledge(r, Scalar.decode(mu));
    } finally {
      Arrays.fill(k, (byte) 0);
      Arrays.fill(a0, (byte) 0);
      for (byte[] b : new byte[][] {a0c, mu}) {
        if (b != null) {
          Arrays.fill(b, (byte) 0);
        }
      }
    }
  }

  /** Checks the proof for {@code id}'s commitment; throws INVALID_PROOF_OF_KNOWLEDGE blaming {@code id}. */
  public void verify(FrostDialect dialect, Identifier id, VssCommitment commitment) throws FrostException {
    boolean valid;
    try {
      GroupElement phi0 = commitment.verifyingKey();
      Scalar c = challenge(dialect, id, phi0, r);
      valid = GroupElement.generatorTimes(mu).equals(r.add(phi0.multiply(c)));
    } catch (FrostException identity) {
      valid = false;
    }
    if (!valid) {
      throw new FrostException(FrostException.Kind.INVALID_PROOF_OF_KNOWLEDGE, "proof of knowledge of " + id + " is invalid", id);
    }
  }

  public byte[] encode(FrostDialect dialect) {
    return dialect.encodeSignature(r, mu);
  }

  public static ProofOfKnowledge decode(FrostDialect dialect, byte[] bytes) throws FrostException {
    FrostSignature s = dialect.decodeSignature(bytes);
    return new ProofOfKnowledge(s.groupCommitment(), s.z());
  }

  private static Scalar challenge(FrostDialect dialect, Identifier id, GroupElement phi0, GroupElement r) {
    byte[] preimage = new byte[32 + 33 + 33];
    System.arraycopy(id.encode(), 0, preimage, 0, 32);
    System.arraycopy(phi0.encode(), 0, preimage, 32, 33);
    System.arraycopy(r.encode(), 0, preimage, 65, 33);
    return dialect.hdkg(preimage);
  }
}
