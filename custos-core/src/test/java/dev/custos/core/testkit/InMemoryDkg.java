package dev.custos.core.testkit;

import dev.custos.core.frost.CertifiedKey;
import dev.custos.core.frost.Dkg;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.SigningShare;
import dev.custos.core.frost.ZfSecp256k1Taproot;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code t}-of-{@code n} FROST group made by an in-memory Pedersen DKG ({@link Dkg}, all three
 * parts, every participant in one process), for tests and benchmarks that need a group but do not
 * test the ceremony: its transport, certificates and refusals are tested with
 * {@code DkgCeremony}. The transcript hash of each key is a stand-in (32 zero bytes): no
 * certified ceremony ran.
 */
public final class InMemoryDkg {
  private InMemoryDkg() {}

  /** Fresh keys for participants {@code 1..n}, by identifier. */
  public static Map<Identifier, CertifiedKey> run(int t, int n, SecureRandom random) throws FrostException {
    Dkg dkg = new Dkg(ZfSecp256k1Taproot.INSTANCE);
    Map<Identifier, Dkg.Round1> r1 = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      r1.put(Identifier.of(i), dkg.part1(Identifier.of(i), n, t, random));
    }
    Map<Identifier, Dkg.Round2> r2 = new TreeMap<>();
    for (var e : r1.entrySet()) {
      Map<Identifier, Dkg.Round1Package> others = new HashMap<>();
      r1.forEach((id, r) -> {
        if (!id.equals(e.getKey())) {
          others.put(id, r.broadcast());
        }
      });
      r2.put(e.getKey(), dkg.part2(e.getValue().secret(), others));
    }
    Map<Identifier, CertifiedKey> keys = new TreeMap<>();
    for (var e : r2.entrySet()) {
      Map<Identifier, Dkg.Round1Package> others = new HashMap<>();
      Map<Identifier, SigningShare> received = new HashMap<>();
      for (var o : r1.entrySet()) {
        if (!o.getKey().equals(e.getKey())) {
          others.put(o.getKey(), o.getValue().broadcast());
          received.put(o.getKey(), r2.get(o.getKey()).sharesToSend().get(e.getKey()));
        }
      }
      Dkg.Result result = dkg.part3(e.getValue().secret(), others, received);
      keys.put(e.getKey(), new CertifiedKey(result.keyPackage(), result.publicKeyPackage(), new byte[32]));
    }
    return keys;
  }
}
