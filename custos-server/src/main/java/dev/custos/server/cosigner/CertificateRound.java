package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.service.cosigner.GroupMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The certificates a relay gathers in round three of a DKG or a refresh: each decoded (for the
 * relay's own check of the record) and kept as sent (to hand to everyone for confirmation). A
 * certificate that does not decode is a {@link CoordinatorException} naming the member that sent
 * it; whether it verifies is decided by the record's check, not here.
 */
final class CertificateRound {
  private final Map<Identifier, DkgCertificate> decoded = new TreeMap<>();
  private final List<ByteString> wire = new ArrayList<>();

  void add(GroupMember member, ByteString certificate) throws CoordinatorException {
    try {
      decoded.put(member.identifier(), DkgCertificate.decode(certificate.toByteArray()));
    } catch (FrostException ex) {
      throw new CoordinatorException("member " + member.index() + " sent a malformed certificate: " + ex.getMessage());
    }
    wire.add(certificate);
  }

  /** By the identifier of the member that sent each. */
  Map<Identifier, DkgCertificate> decoded() {
    return decoded;
  }

  /** As sent, in the order gathered. */
  List<ByteString> wire() {
    return wire;
  }
}
