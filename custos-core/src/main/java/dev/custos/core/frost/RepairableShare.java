package dev.custos.core.frost;

import dev.custos.core.secret.SecretBytes;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Repair of a lost signing share by a threshold of helpers without revealing theirs: the
 * Repairable Threshold Scheme of Laing and Stinson (eprint 2017/1155) in the three steps of ZF
 * FROST's {@code keys::repairable}.
 *
 * <ol>
 *   <li>{@link #helperDeltas} — each helper {@code i} splits {@code λ_i(x_p) * s_i} (its share
 *       weighted by its Lagrange coefficient at the participant {@code p}) into random deltas,
 *       one per helper, and sends delta {@code j} to helper {@code j};
 *   <li>{@link #sigma} — each helper sums the deltas it received and sends the sum to {@code p};
 *   <li>{@link #repairedKey} — {@code p} sums the sigmas: {@code Σ λ_i(x_p) s_i = f(x_p)}.
 * </ol>
 *
 * <p>All values in transit are secret and must travel encrypted and authenticated; that, and
 * checking that the helpers are who they claim, is the caller's job.
 */
public final class RepairableShare {
  private RepairableShare() {}

  /**
   * Step 1, run by the helper holding {@code helperKey}: random deltas for every helper in
   * {@code helpers} (which includes this one) summing to {@code λ_i(x_p) * s_i}. The caller owns
   * and closes the returned secrets.
   */
  public static Map<Identifier, SecretBytes> helperDeltas(
      List<Identifier> helpers, KeyPackage helperKey, Identifier participant, SecureRandom random) throws FrostException {
    if (new HashSet<>(helpers).size() != helpers.size() || helpers.size() < helperKey.minSigners()) {
      throw new FrostException(
          FrostException.Kind.INVALID_PARTICIPANTS,
          "need at least minSigners=" + helperKey.minSigners() + " distinct helpers, got " + helpers.size());
    }
    if (helpers.contains(participant)) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "participant " + participant + " cannot help itself", participant);
    }
    Scalar lambda = Lagrange.at(participant, helperKey.identifier(), helpers);
    Map<Identifier, SecretBytes> deltas = new TreeMap<>();
    byte[] share = helperKey.signingShare().copy();
    byte[] remainder = null;
    try {
      remainder = SecretArithmetic.multiply(share, lambda);
      for (Identifier helper : helpers.subList(0, helpers.size() - 1)) {
        byte[] r = SecretPolynomial.randomScalar(random);
        byte[] minusR = SecretArithmetic.negate(r);
        try {
          byte[] next = SecretArithmetic.add(remainder, minusR);
          Arrays.fill(remainder, (byte) 0);
          remainder = next;
        } finally {
          Arrays.fill(minusR, (byte) 0);
        }
        deltas.put(helper, SecretBytes.takeOwnership(r));
      }
      deltas.put(helpers.getLast(), SecretBytes.takeOwnership(remainder));
      remainder = null;
      return deltas;
    } catch (FrostException | RuntimeException e) {
      deltas.values().forEach(SecretBytes::close);
      throw e;
    } finally {
      Arrays.fill(share, (byte) 0);
      if (remainder != null) {
        Arrays.fill(remainder, (byte) 0);
      }
    }
  }

  /** Step 2, run by each helper: the sum of the deltas it received (ZF {@code repair_share_step_2}). */
  public static SecretBytes sigma(List<SecretBytes> deltas) throws FrostException {
    return SecretBytes.takeOwnership(sum(deltas));
  }

  /**
   * Step 3, run by the participant: the sum of the helpers' sigmas is its share, accepted only
   * when it matches the participant's verifying share in {@code publicKeys}.
   */
  public static KeyPackage repairedKey(List<SecretBytes> sigmas, Identifier participant, PublicKeyPackage publicKeys, int minSigners)
      throws FrostException {
    GroupElement expected = publicKeys.verifyingShare(participant);
    KeyPackage key = KeyPackage.of(participant, SigningShare.ofOwned(sum(sigmas)), publicKeys.groupKey(), minSigners);
    if (!key.verifyingShare().equals(expected)) {
      key.close();
      throw new FrostException(
          FrostException.Kind.INVALID_SECRET_SHARE, "repaired share of " + participant + " does not match its verifying share", participant);
    }
    return key;
  }

  /** {@code Σ values mod n} in libsecp256k1, as a fresh secret array. */
  static byte[] sum(List<SecretBytes> values) throws FrostException {
    if (values.isEmpty()) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "nothing to sum");
    }
    byte[] acc = values.getFirst().copy();
    for (SecretBytes v : values.subList(1, values.size())) {
      byte[] term = v.copy();
      try {
        byte[] next = SecretArithmetic.add(acc, term);
        Arrays.fill(acc, (byte) 0);
        acc = next;
      } finally {
        Arrays.fill(term, (byte) 0);
      }
    }
    return acc;
  }
}
