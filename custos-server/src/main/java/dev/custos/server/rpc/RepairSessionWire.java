package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.Identifier;
import dev.custos.proto.v1.RepairSession;
import dev.custos.server.status.RpcFailure;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code custos.v1.RepairSession} decoded and checked for shape: a 32-byte repair id, the lost
 * member's identifier and the helpers' (who they are is checked by {@code RepairCeremony}).
 * Malformed fields are {@link RpcFailure.InvalidArgument} naming the field.
 */
record RepairSessionWire(byte[] repairId, Identifier lost, List<Identifier> helpers) {
  RepairSessionWire {
    repairId = repairId.clone();
    helpers = List.copyOf(helpers);
  }

  @Override
  public byte[] repairId() {
    return repairId.clone();
  }

  static RepairSessionWire parse(RepairSession wire) {
    byte[] id = wire.getRepairId().toByteArray();
    if (id.length != 32) {
      throw new RpcFailure.InvalidArgument("session.repair_id", "must be 32 bytes, got " + id.length);
    }
    Identifier lost = identifier("session.lost", wire.getLost());
    List<Identifier> helpers = new ArrayList<>();
    for (int i = 0; i < wire.getHelpersCount(); i++) {
      helpers.add(identifier("session.helpers[" + i + "]", wire.getHelpers(i)));
    }
    return new RepairSessionWire(id, lost, helpers);
  }

  /** The same repair: id, lost member and helpers (in the same order). */
  boolean sameAs(RepairSessionWire other) {
    return MessageDigest.isEqual(repairId, other.repairId) && lost.equals(other.lost) && helpers.equals(other.helpers);
  }

  private static Identifier identifier(String field, ByteString bytes) {
    return CeremonyFields.decoded(field, () -> Identifier.decode(bytes.toByteArray()));
  }
}
