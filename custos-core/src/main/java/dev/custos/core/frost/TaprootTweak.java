package dev.custos.core.frost;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The BIP341 output-key tweak applied to FROST key material, as ZF {@code frost-secp256k1-tr}'s
 * {@code Tweak} does: with internal key {@code P} (used with even y) and
 * {@code t = int(hash_TapTweak(bytes(P) || merkleRoot))}, the output key is {@code Q = P + t*G};
 * each signing share becomes {@code s_i + t} (after negation when {@code P} has odd y) and each
 * verifying share {@code Y_i + t*G}. Because the Lagrange coefficients of any signing set sum to
 * one, shares tweaked this way sign for {@code Q}.
 *
 * <p>An empty merkle root is BIP341's recommendation for key-path-only outputs (commit to an
 * unspendable script path, {@code Q = P + int(hash_TapTweak(bytes(P)))G}, as BIP86 does);
 * otherwise the root is the 32-byte script tree root.
 *
 * <p><b>Every cosigner must derive the tweak itself</b> from data it checked: a tweak chosen by
 * someone else moves the funds to a key of their choosing.
 */
public record TaprootTweak(byte[] merkleRoot) {
  private static final byte[] TAG_HASH =
      HashToField.sha256().digest("TapTweak".getBytes(StandardCharsets.US_ASCII));

  public TaprootTweak {
    if (merkleRoot == null || (merkleRoot.length != 0 && merkleRoot.length != 32)) {
      throw new IllegalArgumentException("merkle root must be empty or 32 bytes");
    }
    merkleRoot = merkleRoot.clone();
  }

  /** The tweak for a key-path-only output (BIP86-style, empty merkle root). */
  public static TaprootTweak keyPathOnly() {
    return new TaprootTweak(new byte[0]);
  }

  @Override
  public byte[] merkleRoot() {
    return merkleRoot.clone();
  }

  /** {@code t = int(hash_TapTweak(bytes(P) || merkleRoot))}; refused when {@code t >= n} (BIP341). */
  public Scalar tweak(GroupElement internalKey) throws FrostException {
    MessageDigest h = HashToField.sha256();
    h.update(TAG_HASH);
    h.update(TAG_HASH);
    h.update(internalKey.xOnly());
    h.update(merkleRoot);
    BigInteger t = new BigInteger(1, h.digest());
    if (t.compareTo(Scalar.ORDER) >= 0 || t.signum() == 0) {
      throw new FrostException(FrostException.Kind.IDENTITY_OR_ZERO, "taproot tweak is not in (0, n)");
    }
    return new Scalar(t);
  }

  /** {@code Q = P_evenY + t*G}. */
  public GroupElement outputKey(GroupElement internalKey) throws FrostException {
    return internalKey.withEvenY().add(GroupElement.generatorTimes(tweak(internalKey)));
  }

  /** A new key package for the output key; {@code key} itself is left unchanged and open. */
  public KeyPackage applyTo(KeyPackage key) throws FrostException {
    GroupElement p = key.groupKey();
    Scalar t = tweak(p);
    GroupElement tG = GroupElement.generatorTimes(t);
    byte[] raw = key.signingShare().copy();
    byte[] even = null;
    try {
      even = SecretArithmetic.conditionalNegate(raw, !p.hasEvenY());
      SigningShare tweaked = SigningShare.ofOwned(SecretArithmetic.add(even, t.encode()));
      GroupElement verifying = (p.hasEvenY() ? key.verifyingShare() : key.verifyingShare().negate()).add(tG);
      return new KeyPackage(key.identifier(), tweaked, verifying, p.withEvenY().add(tG), key.minSigners());
    } finally {
      Arrays.fill(raw, (byte) 0);
      if (even != null) {
        Arrays.fill(even, (byte) 0);
      }
    }
  }

  /** The public key package for the output key. */
  public PublicKeyPackage applyTo(PublicKeyPackage keys) throws FrostException {
    GroupElement p = keys.groupKey();
    GroupElement tG = GroupElement.generatorTimes(tweak(p));
    Map<Identifier, GroupElement> shares = new HashMap<>();
    for (var e : keys.verifyingShares().entrySet()) {
      GroupElement y = p.hasEvenY() ? e.getValue() : e.getValue().negate();
      shares.put(e.getKey(), y.add(tG));
    }
    return new PublicKeyPackage(shares, p.withEvenY().add(tG));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaprootTweak t && Arrays.equals(merkleRoot, t.merkleRoot);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(merkleRoot);
  }

  @Override
  public String toString() {
    return "TaprootTweak[" + java.util.HexFormat.of().formatHex(merkleRoot) + "]";
  }
}
