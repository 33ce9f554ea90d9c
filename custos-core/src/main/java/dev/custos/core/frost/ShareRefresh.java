package dev.custos.core.frost;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Proactive share refresh: all {@code n} participants re-randomize their shares while the group
 * key and the threshold stay the same (Herzberg et al., proactive secret sharing; ZF
 * {@code frost_core::keys::refresh}). Each participant deals a random polynomial with a
 * <em>zero</em> constant term, {@code δ(x) = x·g(x)} with {@code deg g = t - 2}, and everyone adds
 * the received {@code δ_l(i)} to its share. Since {@code Σ δ_l(0) = 0}, shares still interpolate to
 * the same secret, but old and new shares no longer combine: a share stolen before the refresh
 * becomes useless once the others refreshed.
 *
 * <p>The commitment to {@code δ} is {@code G·g}'s coefficients ({@code t - 1} points); the constant
 * term is zero by construction, so no proof of knowledge is needed and a participant cannot move
 * the group key. A received {@code δ_l(i)} is checked as {@code G·δ == i · C_l(i)}. Refresh works
 * on the <em>internal</em> key ({@link CertifiedKey#keyPackage()}); the taproot output key, a
 * function of the group key only, is unchanged. Shares travel like DKG shares
 * ({@link EncryptedShare}) in a shell that relays them.
 */
public final class ShareRefresh {
  private ShareRefresh() {}

  /** Part 1 output: the secret {@code g} to keep and the commitment to broadcast. */
  public record Round1(Round1Secret secret, VssCommitment commitment) {}

  /** Part 2 output: the secret state to keep and {@code δ(j)} for each other participant. */
  public record Round2(Round2Secret secret, Map<Identifier, SigningShare> sharesToSend) {}

  /** Secret state between parts 1 and 2: {@code g}. Zeroized by part 2 or {@link #close()}. */
  public static final class Round1Secret implements AutoCloseable {
    private final Identifier identifier;
    private final SecretPolynomial g;
    private final int minSigners;
    private final int maxSigners;

    private Round1Secret(Identifier identifier, SecretPolynomial g, int minSigners, int maxSigners) {
      this.identifier = identifier;
      this.g = g;
      this.minSigners = minSigners;
      this.maxSigners = maxSigners;
    }

    @Override
    public void close() {
      g.close();
    }

    @Override
    public String toString() {
      return "ShareRefresh.Round1Secret[" + identifier + ", <secret>]";
    }
  }

  /** Secret state between parts 2 and 3: our own {@code δ(i)}. Zeroized by {@link #close()}. */
  public static final class Round2Secret implements AutoCloseable {
    private final Identifier identifier;
    private final VssCommitment commitment;
    private final SigningShare ownDelta;
    private final int minSigners;
    private final int maxSigners;

    private Round2Secret(Identifier identifier, VssCommitment commitment, SigningShare ownDelta, int minSigners, int maxSigners) {
      this.identifier = identifier;
      this.commitment = commitment;
      this.ownDelta = ownDelta;
      this.minSigners = minSigners;
      this.maxSigners = maxSigners;
    }

    @Override
    public void close() {
      ownDelta.close();
    }

    @Override
    public String toString() {
      return "ShareRefresh.Round2Secret[" + identifier + ", <secret>]";
    }
  }

  /** Part 1: a random {@code g} of degree {@code t - 2} and its commitment. */
  public static Round1 part1(Identifier id, int maxSigners, int minSigners, SecureRandom random) throws FrostException {
    if (minSigners < 2 || maxSigners < minSigners) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS,
          "need 2 <= minSigners <= maxSigners, got " + minSigners + " of " + maxSigners);
    }
    SecretPolynomial g = SecretPolynomial.random(minSigners - 1, random);
    try {
      return new Round1(new Round1Secret(id, g, minSigners, maxSigners), g.commitment());
    } catch (RuntimeException e) {
      g.close();
      throw e;
    }
  }

  /** Part 2: checks the others' commitment sizes and computes {@code δ(j)} for each; closes {@code secret}. */
  public static Round2 part2(Round1Secret secret, Map<Identifier, VssCommitment> received) throws FrostException {
    Map<Identifier, SigningShare> toSend = new TreeMap<>();
    try (secret) {
      checkOthers(secret.identifier, secret.maxSigners, received);
      for (var e : received.entrySet()) {
        if (e.getValue().threshold() != secret.minSigners - 1) {
          throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "refresh commitment of " + e.getKey() + " has "
              + e.getValue().threshold() + " coefficients, expected " + (secret.minSigners - 1), e.getKey());
        }
      }
      for (Identifier other : received.keySet()) {
        toSend.put(other, delta(secret.g, other));
      }
      return new Round2(new Round2Secret(secret.identifier, secret.g.commitment(), delta(secret.g, secret.identifier),
          secret.minSigners, secret.maxSigners), toSend);
    } catch (FrostException | RuntimeException e) {
      toSend.values().forEach(SigningShare::close);
      throw e;
    }
  }

  /**
   * Part 3: verifies every received {@code δ_l(i)}, returns the refreshed key package and public
   * key package (same group key, same threshold). {@code old} and the received shares are left
   * open; {@code secret} is closed.
   *
   * @throws FrostException {@code INVALID_SECRET_SHARE} naming the sender of a bad {@code δ};
   *     {@code INVALID_PARTICIPANTS} when the participants are not exactly those of the old key
   */
  public static Dkg.Result part3(Round2Secret secret, KeyPackage old, PublicKeyPackage oldPublic,
      Map<Identifier, VssCommitment> round1, Map<Identifier, SigningShare> received) throws FrostException {
    try (secret) {
      checkOthers(secret.identifier, secret.maxSigners, round1);
      TreeSet<Identifier> everyone = new TreeSet<>(round1.keySet());
      everyone.add(secret.identifier);
      if (!round1.keySet().equals(received.keySet()) || !everyone.equals(new TreeSet<>(oldPublic.verifyingShares().keySet()))
          || !old.identifier().equals(secret.identifier) || !old.groupKey().equals(oldPublic.groupKey())
          || old.minSigners() != secret.minSigners) {
        throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS,
            "refresh participants, threshold or group key differ from the key being refreshed");
      }
      Map<Identifier, VssCommitment> all = new HashMap<>(round1);
      all.put(secret.identifier, secret.commitment);
      byte[] sum = old.signingShare().copy();
      try {
        sum = addInto(sum, secret.ownDelta);
        for (var e : received.entrySet()) {
          GroupElement expected = round1.get(e.getKey()).evaluate(secret.identifier).multiply(secret.identifier.value());
          if (!e.getValue().verifyingShare().equals(expected)) {
            throw new FrostException(FrostException.Kind.INVALID_SECRET_SHARE,
                "refresh share from " + e.getKey() + " does not match its commitment", e.getKey());
          }
          sum = addInto(sum, e.getValue());
        }
        PublicKeyPackage refreshed = refreshedPublicKeyPackage(oldPublic, all);
        KeyPackage key = KeyPackage.of(secret.identifier, SigningShare.ofOwned(sum), oldPublic.groupKey(), secret.minSigners);
        sum = null;
        if (!key.verifyingShare().equals(refreshed.verifyingShare(secret.identifier))) {
          key.close();
          throw new FrostException(FrostException.Kind.INVALID_SECRET_SHARE, "refreshed share does not match the commitments");
        }
        return new Dkg.Result(key, refreshed);
      } finally {
        if (sum != null) {
          Arrays.fill(sum, (byte) 0);
        }
      }
    }
  }

  /**
   * The public side of a refresh, computable by anyone from the old public key package and every
   * participant's refresh commitment: verifying shares {@code Y_j + Σ_l j·C_l(j)}, the same group
   * key. What a coordinator uses to check the signature shares of refreshed participants.
   *
   * @throws FrostException {@code INVALID_PARTICIPANTS} unless {@code commitments} holds one
   *     commitment per participant of {@code old}
   */
  public static PublicKeyPackage refreshedPublicKeyPackage(PublicKeyPackage old, Map<Identifier, VssCommitment> commitments)
      throws FrostException {
    if (!new TreeSet<>(commitments.keySet()).equals(new TreeSet<>(old.verifyingShares().keySet()))) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "refresh commitments are from "
          + new TreeSet<>(commitments.keySet()) + ", the key's participants are " + new TreeSet<>(old.verifyingShares().keySet()));
    }
    Map<Identifier, GroupElement> verifying = new HashMap<>();
    for (Identifier j : old.verifyingShares().keySet()) {
      List<GroupElement> terms = new ArrayList<>();
      terms.add(old.verifyingShare(j));
      for (VssCommitment c : commitments.values()) {
        terms.add(c.evaluate(j).multiply(j.value()));
      }
      verifying.put(j, GroupElement.sum(terms));
    }
    return new PublicKeyPackage(verifying, old.groupKey());
  }

  /** {@code δ(x) = x · g(x)}. */
  private static SigningShare delta(SecretPolynomial g, Identifier x) throws FrostException {
    byte[] gx = g.evaluate(x);
    try {
      return SigningShare.ofOwned(SecretArithmetic.multiply(gx, x.value()));
    } finally {
      Arrays.fill(gx, (byte) 0);
    }
  }

  /** Returns {@code sum + share}, zeroizing the old {@code sum}. */
  private static byte[] addInto(byte[] sum, SigningShare share) throws FrostException {
    byte[] s = share.copy();
    try {
      return SecretArithmetic.add(sum, s);
    } finally {
      Arrays.fill(s, (byte) 0);
      Arrays.fill(sum, (byte) 0);
    }
  }

  private static void checkOthers(Identifier self, int maxSigners, Map<Identifier, ?> others) throws FrostException {
    if (others.containsKey(self) || others.size() != maxSigners - 1) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS,
          "expected refresh packages from the " + (maxSigners - 1) + " others, got " + new TreeSet<>(others.keySet()));
    }
  }
}
