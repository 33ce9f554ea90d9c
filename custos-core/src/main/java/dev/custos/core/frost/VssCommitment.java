package dev.custos.core.frost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Feldman VSS commitment {@code (φ_0, ..., φ_{t-1}) = (G*a_0, ..., G*a_{t-1})} to a
 * {@link SecretPolynomial} (FROST paper, KeyGen round 1 step 3; RFC 9591 Appendix C.2
 * {@code vss_verify}). Public. Encoding: the compressed points concatenated (33 bytes each).
 */
public record VssCommitment(List<GroupElement> coefficients) {
  public VssCommitment {
    if (coefficients == null || coefficients.isEmpty()) {
      throw new IllegalArgumentException("a VSS commitment has at least one coefficient");
    }
    coefficients = List.copyOf(coefficients);
  }

  /** {@code φ_0 = G*a_0}: the committed secret's public key. */
  public GroupElement verifyingKey() {
    return coefficients.getFirst();
  }

  public int threshold() {
    return coefficients.size();
  }

  /** {@code Σ φ_k * x^k}: the public key {@code G*f(x)} of the share for {@code x}. */
  public GroupElement evaluate(Identifier x) throws FrostException {
    List<GroupElement> terms = new ArrayList<>();
    Scalar power = Scalar.ONE;
    for (GroupElement phi : coefficients) {
      terms.add(phi.multiply(power));
      power = power.multiply(x.value());
    }
    return GroupElement.sum(terms);
  }

  /**
   * Checks {@code G * share == evaluate(receiver)} (RFC 9591 Appendix C.2); otherwise throws
   * {@link FrostException.Kind#INVALID_SECRET_SHARE} blaming {@code sender}.
   */
  public void verifyShare(Identifier receiver, SigningShare share, Identifier sender) throws FrostException {
    if (!share.verifyingShare().equals(evaluate(receiver))) {
      throw new FrostException(
          FrostException.Kind.INVALID_SECRET_SHARE, "share from " + sender + " for " + receiver + " does not match its commitment", sender);
    }
  }

  public byte[] encode() {
    byte[] out = new byte[coefficients.size() * 33];
    for (int i = 0; i < coefficients.size(); i++) {
      System.arraycopy(coefficients.get(i).encode(), 0, out, i * 33, 33);
    }
    return out;
  }

  /** Strict inverse of {@link #encode()}: a non-empty multiple of 33 bytes, every point valid. */
  public static VssCommitment decode(byte[] bytes) throws FrostException {
    if (bytes == null || bytes.length == 0 || bytes.length % 33 != 0) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ENCODING,
          "VSS commitment must be a non-empty multiple of 33 bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    List<GroupElement> points = new ArrayList<>();
    for (int off = 0; off < bytes.length; off += 33) {
      points.add(GroupElement.decode(Arrays.copyOfRange(bytes, off, off + 33)));
    }
    return new VssCommitment(points);
  }
}
