package dev.custos.core.frost;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test-only trusted dealer (RFC 9591 Appendix C): one Shamir split of a random secret. */
final class TrustedDealer {
  record Dealt(Map<Identifier, KeyPackage> keys, PublicKeyPackage publicKeys) {}

  private TrustedDealer() {}

  static Dealt deal(int minSigners, List<Identifier> ids, SecureRandom random) throws FrostException {
    try (SecretPolynomial f = SecretPolynomial.random(minSigners, random)) {
      VssCommitment commitment = f.commitment();
      Map<Identifier, KeyPackage> keys = new TreeMap<>();
      Map<Identifier, GroupElement> verifying = new HashMap<>();
      for (Identifier id : ids) {
        KeyPackage key = KeyPackage.of(id, f.shareFor(id), commitment.verifyingKey(), minSigners);
        keys.put(id, key);
        verifying.put(id, commitment.evaluate(id));
      }
      return new Dealt(keys, new PublicKeyPackage(verifying, commitment.verifyingKey()));
    }
  }
}
