package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.EncryptedShare;
import dev.custos.core.frost.FrostException;
import dev.custos.server.status.RpcFailure;
import java.util.ArrayList;
import java.util.List;

/** Decodes the {@code envelopes} field of a repair request; a malformed one is {@code INVALID_ARGUMENT} naming it. */
final class RepairEnvelopes {
  private RepairEnvelopes() {}

  static List<EncryptedShare> decode(List<ByteString> wire) {
    List<EncryptedShare> envelopes = new ArrayList<>();
    for (int i = 0; i < wire.size(); i++) {
      try {
        envelopes.add(EncryptedShare.decode(wire.get(i).toByteArray()));
      } catch (FrostException e) {
        throw new RpcFailure.InvalidArgument("envelopes[" + i + "]", e.getMessage());
      }
    }
    return envelopes;
  }
}
