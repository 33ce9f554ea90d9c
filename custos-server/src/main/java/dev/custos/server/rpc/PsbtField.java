package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtFormatException;
import dev.custos.server.status.RpcFailure;

/** The {@code psbt} field of a request, parsed strictly (binary BIP174/BIP370). */
final class PsbtField {
  private PsbtField() {}

  static Psbt parse(ByteString field) {
    if (field.isEmpty()) {
      throw new RpcFailure.InvalidArgument("psbt", "required (binary PSBT)");
    }
    try {
      return PsbtCodec.parse(field.toByteArray());
    } catch (PsbtFormatException e) {
      throw new RpcFailure.InvalidArgument("psbt", e.getMessage());
    }
  }
}
