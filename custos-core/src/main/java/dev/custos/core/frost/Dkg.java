package dev.custos.core.frost;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pedersen distributed key generation with proofs of knowledge (FROST paper, Figure 1 "KeyGen";
 * the round structure of ZF FROST's {@code keys::dkg}): every participant deals a Feldman VSS of
 * its own random secret, proves knowledge of it, and sums the shares it receives. The group key is
 * the sum of everyone's {@code φ_0}. Pure functions; the caller moves the packages.
 *
 * <p><b>Not here (the caller's job):</b> round-one packages must reach everyone identically
 * (broadcast, e.g. by all signing the transcript hash); round-two shares must travel encrypted and
 * authenticated, one per recipient. A group key from this class is the <i>internal</i> key; a
 * taproot output key needs a {@link TaprootTweak}.
 */
public final class Dkg {
  /** What participant {@code i} broadcasts after part 1. */
  public record Round1Package(VssCommitment commitment, ProofOfKnowledge proofOfKnowledge) {}

  /** Part 1 output: the secret state to keep and the package to broadcast. */
  public record Round1(Round1Secret secret, Round1Package broadcast) {}

  /** Part 2 output: the secret state to keep and one secret share per other participant. */
  public record Round2(Round2Secret secret, Map<Identifier, SigningShare> sharesToSend) {}

  /** Part 3 output: this participant's key package and everyone's public keys. */
  public record Result(KeyPackage keyPackage, PublicKeyPackage publicKeyPackage) {}

  /** Secret state between parts 1 and 2: the polynomial. Zeroized by part 2 or {@link #close()}. */
  public static final class Round1Secret implements AutoCloseable {
    private final Identifier identifier;
    private final SecretPolynomial polynomial;
    private final VssCommitment commitment;
    private final int minSigners;
    private final int maxSigners;

    private Round1Secret(Identifier identifier, SecretPolynomial polynomial, VssCommitment commitment, int minSigners, int maxSigners) {
      this.identifier = identifier;
      this.polynomial = polynomial;
      this.commitment = commitment;
      this.minSigners = minSigners;
      this.maxSigners = maxSigners;
    }

    public Identifier identifier() {
      return identifier;
    }

    @Override
    public void close() {
      polynomial.close();
    }

    @Override
    public String toString() {
      return "Round1Secret[" + identifier + ", <secret>]";
    }
  }

  /** Secret state between parts 2 and 3: {@code f_i(i)}. Zeroized by {@link #close()}. */
  public static final class Round2Secret implements AutoCloseable {
    private final Identifier identifier;
    private final VssCommitment commitment;
    private final SigningShare ownShare;
    private final int minSigners;
    private final int maxSigners;

    private Round2Secret(Identifier identifier, VssCommitment commitment, SigningShare ownShare, int minSigners, int maxSigners) {
      this.identifier = identifier;
      this.commitment = commitment;
      this.ownShare = ownShare;
      this.minSigners = minSigners;
      this.maxSigners = maxSigners;
    }

    public Identifier identifier() {
      return identifier;
    }

    @Override
    public void close() {
      ownShare.close();
    }

    @Override
    public String toString() {
      return "Round2Secret[" + identifier + ", <secret>]";
    }
  }

  private final FrostDialect dialect;

  public Dkg(FrostDialect dialect) {
    if (dialect == null) {
      throw new IllegalArgumentException("dialect must not be null");
    }
    this.dialect = dialect;
  }

  /** Part 1 with a fresh random polynomial of degree {@code minSigners - 1}. */
  public Round1 part1(Identifier id, int maxSigners, int minSigners, SecureRandom random) throws FrostException {
    checkCounts(minSigners, maxSigners);
    return part1(id, maxSigners, SecretPolynomial.random(minSigners, random), random);
  }

  /**
   * Part 1 with the given polynomial (taken over: it is closed by part 2): its commitment and a
   * proof of knowledge of its secret, drawing the proof's nonce from {@code random}.
   */
  public Round1 part1(Identifier id, int maxSigners, SecretPolynomial polynomial, SecureRandom random) throws FrostException {
    try {
      checkCounts(polynomial.threshold(), maxSigners);
      VssCommitment commitment = polynomial.commitment();
      ProofOfKnowledge pok = ProofOfKnowledge.prove(dialect, id, polynomial, random);
      return new Round1(
          new Round1Secret(id, polynomial, commitment, polynomial.threshold(), maxSigners), new Round1Package(commitment, pok));
    } catch (FrostException | RuntimeException e) {
      polynomial.close();
      throw e;
    }
  }

  /**
   * Part 2: verifies every other participant's commitment size and proof of knowledge, then
   * computes the share {@code f_i(l)} for each of them. Closes {@code secret}'s polynomial.
   */
  public Round2 part2(Round1Secret secret, Map<Identifier, Round1Package> received) throws FrostException {
    Map<Identifier, SigningShare> toSend = new TreeMap<>();
    try (secret) {
      checkOthers(secret.identifier, secret.maxSigners, received.keySet());
      for (var e : received.entrySet()) {
        if (e.getValue().commitment().threshold() != secret.minSigners) {
          throw new FrostException(
              FrostException.Kind.INVALID_PARTICIPANTS,
              "commitment of " + e.getKey() + " has " + e.getValue().commitment().threshold() + " coefficients, expected " + secret.minSigners,
              e.getKey());
        }
        e.getValue().proofOfKnowledge().verify(dialect, e.getKey(), e.getValue().commitment());
      }
      for (Identifier other : received.keySet()) {
        toSend.put(other, secret.polynomial.shareFor(other));
      }
      SigningShare own = secret.polynomial.shareFor(secret.identifier);
      return new Round2(
          new Round2Secret(secret.identifier, secret.commitment, own, secret.minSigners, secret.maxSigners), toSend);
    } catch (FrostException | RuntimeException e) {
      toSend.values().forEach(SigningShare::close);
      throw e;
    }
  }

  /**
   * Part 3: verifies every received share against its sender's commitment, sums them with our own
   * share into the long-lived signing share, and derives everyone's verifying shares and the group
   * key. {@code round1} must be the packages used in part 2. The received shares are not closed.
   */
  public Result part3(Round2Secret secret, Map<Identifier, Round1Package> round1, Map<Identifier, SigningShare> received)
      throws FrostException {
    checkOthers(secret.identifier, secret.maxSigners, round1.keySet());
    if (!round1.keySet().equals(received.keySet())) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "round-two shares are not from the round-one participants");
    }
    byte[] sum = secret.ownShare.copy();
    try {
      for (var e : received.entrySet()) {
        round1.get(e.getKey()).commitment().verifyShare(secret.identifier, e.getValue(), e.getKey());
        byte[] share = e.getValue().copy();
        try {
          byte[] next = SecretArithmetic.add(sum, share);
          Arrays.fill(sum, (byte) 0);
          sum = next;
        } finally {
          Arrays.fill(share, (byte) 0);
        }
      }
      Map<Identifier, VssCommitment> all = new HashMap<>();
      round1.forEach((id, p) -> all.put(id, p.commitment()));
      all.put(secret.identifier, secret.commitment);
      PublicKeyPackage publicKeys = publicKeyPackage(all);
      KeyPackage key = KeyPackage.of(secret.identifier, SigningShare.ofOwned(sum), publicKeys.groupKey(), secret.minSigners);
      sum = null;
      if (!key.verifyingShare().equals(publicKeys.verifyingShare(secret.identifier))) {
        key.close();
        throw new FrostException(FrostException.Kind.INVALID_SECRET_SHARE, "signing share does not match the commitments");
      }
      return new Result(key, publicKeys);
    } finally {
      if (sum != null) {
        Arrays.fill(sum, (byte) 0);
      }
    }
  }

  /**
   * Everyone's verifying share {@code Σ_l G*f_l(j)} and the group key {@code Σ_l φ_{l,0}} from all
   * participants' commitments (ZF {@code PublicKeyPackage::from_dkg_commitments}).
   */
  public static PublicKeyPackage publicKeyPackage(Map<Identifier, VssCommitment> commitments) throws FrostException {
    List<GroupElement> keys = new ArrayList<>();
    commitments.values().forEach(c -> keys.add(c.verifyingKey()));
    Map<Identifier, GroupElement> shares = new HashMap<>();
    for (Identifier j : commitments.keySet()) {
      List<GroupElement> terms = new ArrayList<>();
      for (VssCommitment c : commitments.values()) {
        terms.add(c.evaluate(j));
      }
      shares.put(j, GroupElement.sum(terms));
    }
    return new PublicKeyPackage(shares, GroupElement.sum(keys));
  }

  private static void checkCounts(int minSigners, int maxSigners) throws FrostException {
    if (minSigners < 2 || maxSigners < minSigners) {
      throw new FrostException(
          FrostException.Kind.INVALID_PARTICIPANTS, "need 2 <= minSigners <= maxSigners, got " + minSigners + " of " + maxSigners);
    }
  }

  private static void checkOthers(Identifier self, int maxSigners, Set<Identifier> others) throws FrostException {
    if (others.contains(self)) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "a package claims to come from ourselves, " + self, self);
    }
    if (new HashSet<>(others).size() != maxSigners - 1) {
      throw new FrostException(
          FrostException.Kind.INVALID_PARTICIPANTS, "expected packages from " + (maxSigners - 1) + " others, got " + others.size());
    }
  }
}
