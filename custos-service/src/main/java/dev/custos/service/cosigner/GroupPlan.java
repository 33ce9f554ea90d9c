package dev.custos.service.cosigner;

import dev.custos.core.frost.DkgContext;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.core.frost.IdentityPublicKey;
import dev.custos.core.keys.Network;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every participant of a DKG agrees on before it starts, handed to each out of band (the
 * same file): network, a fresh 32-byte ceremony id, threshold {@code t}, and the {@code n}
 * members with their pinned identity keys, TLS fingerprints and addresses. The relay of the
 * ceremony cannot change it: each participant reads its own copy, and all of it goes into the
 * certified transcript ({@link #dkgContext()}).
 */
public record GroupPlan(Network network, byte[] ceremonyId, int threshold, List<GroupMember> members) {
  private static final byte[] TRANSPORT_TAG = "custos/frost-plan/transport/v1".getBytes(StandardCharsets.US_ASCII);

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

  /**
   * The DKG context: the ceremony id, {@code t}, every identity key under its identifier, and as
   * application data {@link #transportDigest()}. So the certificates of a group file cover the
   * network and every member's TLS fingerprint and address too: a group file with a swapped pin
   * or address does not verify.
   */
  public DkgContext dkgContext() throws FrostException {
    Map<Identifier, IdentityPublicKey> ids = new LinkedHashMap<>();
    members.forEach(m -> ids.put(m.identifier(), m.identityKey()));
    return new DkgContext(ceremonyId, threshold, ids, transportDigest());
  }

  /**
   * The context of a share refresh of this group: the refresh's own {@code refreshId}, the same
   * threshold, identity keys and transport digest as the DKG.
   */
  public DkgContext refreshContext(byte[] refreshId) throws FrostException {
    Map<Identifier, IdentityPublicKey> ids = new LinkedHashMap<>();
    members.forEach(m -> ids.put(m.identifier(), m.identityKey()));
    return new DkgContext(refreshId, threshold, ids, transportDigest());
  }

  /**
   * {@code SHA-256("custos/frost-plan/transport/v1" || u16 len || network id || (identifier (u16)
   * || TLS SHA-256 (32) || u16 len || host (UTF-8) || port (u16))*)}, members in ascending
   * identifier order.
   */
  public byte[] transportDigest() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(TRANSPORT_TAG);
    writeWithLength(out, network.id().getBytes(StandardCharsets.UTF_8));
    members.stream().sorted(Comparator.comparingInt(GroupMember::index)).forEach(m -> {
      writeU16(out, m.index());
      out.writeBytes(HexFormat.of().parseHex(m.tlsSha256()));
      writeWithLength(out, m.host().getBytes(StandardCharsets.UTF_8));
      writeU16(out, m.port());
    });
    return fr.acinq.bitcoin.Crypto.sha256(out.toByteArray());
  }

  private static void writeWithLength(ByteArrayOutputStream out, byte[] bytes) {
    writeU16(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void writeU16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
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
