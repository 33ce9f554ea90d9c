package dev.custos.service.cosigner;

import dev.custos.core.frost.DkgContext;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.IdentityPublicKey;
import dev.custos.core.keys.Network;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every participant of a DKG agrees on before it starts, handed to each out of band (the
 * same file): network, a fresh 32-byte ceremony id, threshold {@code t}, and the {@code n}
 * members with their pinned identity keys, TLS fingerprints and addresses. The relay of the
 * ceremony cannot change it: each participant reads its own copy.
 */
public record GroupPlan(Network network, byte[] ceremonyId, int threshold, List<GroupMember> members) {
  public GroupPlan {
    if (ceremonyId == null || ceremonyId.length != 32) {
      throw new IllegalArgumentException("ceremonyId must be 32 bytes");
    }
    ceremonyId = ceremonyId.clone();
    members = List.copyOf(members);
    if (threshold < 2 || threshold > members.size()) {
      throw new IllegalArgumentException("threshold must satisfy 2 <= t <= n, got t=" + threshold + " n=" + members.size());
    }
    Set<Integer> ids = new HashSet<>();
    Set<String> pins = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (GroupMember m : members) {
      if (!ids.add(m.index())) {
        throw new IllegalArgumentException("two members have identifier " + m.index());
      }
      if (!pins.add(m.tlsSha256())) {
        throw new IllegalArgumentException("two members share the TLS fingerprint " + m.tlsSha256());
      }
      if (!addresses.add(m.host() + ":" + m.port())) {
        throw new IllegalArgumentException("two members share the address " + m.host() + ":" + m.port());
      }
    }
  }

  @Override
  public byte[] ceremonyId() {
    return ceremonyId.clone();
  }

  /** The DKG context: the ceremony id, {@code t} and every identity key under its identifier. */
  public DkgContext dkgContext() throws FrostException {
    Map<Identifier, IdentityPublicKey> ids = new LinkedHashMap<>();
    members.forEach(m -> ids.put(m.identifier(), m.identityKey()));
    return new DkgContext(ceremonyId, threshold, ids);
  }

  /** The member with this identity key, if any. */
  public java.util.Optional<GroupMember> memberWithIdentity(IdentityPublicKey key) {
    return members.stream().filter(m -> m.identityKey().equals(key)).findFirst();
  }

  /** Every member's TLS fingerprint: the clients a cosigner of this group accepts. */
  public Set<String> tlsPins() {
    Set<String> pins = new HashSet<>();
    members.forEach(m -> pins.add(m.tlsSha256()));
    return pins;
  }
}
