package dev.custos.core.frost;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs DKG ceremonies in memory for tests: every participant's identity key and
 * {@link DkgCeremony}, with each round callable separately so that a test can play a malicious
 * coordinator between rounds.
 */
final class CeremonyHarness {
  static final FrostDialect DIALECT = ZfSecp256k1Taproot.INSTANCE;

  final SecureRandom random;
  final DkgContext context;
  final Map<Identifier, IdentityKey> identities = new TreeMap<>();
  final Map<Identifier, DkgCeremony> ceremonies = new TreeMap<>();
  final Map<Identifier, Dkg.Round1> round1 = new TreeMap<>();
  final Map<Identifier, DkgCeremony.SharesSent> round2 = new TreeMap<>();
  final Map<Identifier, DkgCeremony.Unconfirmed> round3 = new TreeMap<>();

  CeremonyHarness(int t, int n, SecureRandom random) throws FrostException {
    this.random = random;
    Map<Identifier, IdentityPublicKey> pinned = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      IdentityKey key = IdentityKey.random(random);
      identities.put(Identifier.of(i), key);
      pinned.put(Identifier.of(i), key.publicKey());
    }
    byte[] ceremonyId = new byte[32];
    random.nextBytes(ceremonyId);
    context = new DkgContext(ceremonyId, t, pinned);
    for (Identifier id : pinned.keySet()) {
      ceremonies.put(id, new DkgCeremony(DIALECT, context, id));
    }
  }

  void runRound1() throws FrostException {
    for (var e : ceremonies.entrySet()) {
      round1.put(e.getKey(), e.getValue().round1(random));
    }
  }

  Map<Identifier, Dkg.Round1Package> broadcasts() {
    Map<Identifier, Dkg.Round1Package> all = new TreeMap<>();
    round1.forEach((id, r) -> all.put(id, r.broadcast()));
    return all;
  }

  void runRound2() throws FrostException {
    for (var e : ceremonies.entrySet()) {
      Identifier id = e.getKey();
      round2.put(id, e.getValue().round2(identities.get(id), round1.get(id), broadcasts(), random));
    }
  }

  /** The envelopes addressed to {@code recipient}, as an honest relay delivers them. */
  List<EncryptedShare> envelopesFor(Identifier recipient) {
    List<EncryptedShare> out = new ArrayList<>();
    round2.forEach((sender, sent) -> {
      if (!sender.equals(recipient)) {
        out.add(sent.envelopes().get(recipient));
      }
    });
    return out;
  }

  void runRound3() throws FrostException {
    for (var e : ceremonies.entrySet()) {
      Identifier id = e.getKey();
      round3.put(id, e.getValue().round3(identities.get(id), round2.get(id), broadcasts(), envelopesFor(id), random));
    }
  }

  List<DkgCertificate> certificates() {
    return round3.values().stream().map(DkgCeremony.Unconfirmed::certificate).toList();
  }

  Map<Identifier, CertifiedKey> confirmAll() throws FrostException {
    Map<Identifier, CertifiedKey> keys = new TreeMap<>();
    for (var e : ceremonies.entrySet()) {
      keys.put(e.getKey(), e.getValue().confirm(round3.get(e.getKey()), certificates()));
    }
    return keys;
  }

  Map<Identifier, CertifiedKey> runAll() throws FrostException {
    runRound1();
    runRound2();
    runRound3();
    return confirmAll();
  }
}
