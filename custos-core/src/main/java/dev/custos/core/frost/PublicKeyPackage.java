package dev.custos.core.frost;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public side of a FROST key: every participant's verifying share {@code G * s_i} and the
 * group key {@code G * s}. A coordinator needs it to verify signature shares (RFC 9591 §5.4).
 */
public record PublicKeyPackage(Map<Identifier, GroupElement> verifyingShares, GroupElement groupKey) {
  public PublicKeyPackage {
    if (verifyingShares == null || verifyingShares.isEmpty() || groupKey == null) {
      throw new IllegalArgumentException("public key package needs verifying shares and a group key");
    }
    verifyingShares = Collections.unmodifiableMap(new TreeMap<>(verifyingShares));
  }

  /** The verifying share of {@code id}, or {@code INVALID_PARTICIPANTS} when it is unknown. */
  public GroupElement verifyingShare(Identifier id) throws FrostException {
    GroupElement share = verifyingShares.get(id);
    if (share == null) {
      throw new FrostException(FrostException.Kind.INVALID_PARTICIPANTS, "unknown participant " + id, id);
    }
    return share;
  }
}
