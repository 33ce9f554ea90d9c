package dev.custos.server.rpc;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.DkgCertificate;
import dev.custos.core.frost.EncryptedShare;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.server.status.RpcFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The FROST fields of ceremony requests and replies (DKG, refresh, repair). A request field that
 * does not decode is {@link RpcFailure.InvalidArgument} naming it ({@code envelopes[2]}). Decoding
 * checks shape only: whether a value belongs to the ceremony is the ceremony's check.
 */
final class CeremonyFields {
  private CeremonyFields() {}

  /** A decoder that may refuse its bytes. */
  @FunctionalInterface
  interface Decoder<T> {
    T run() throws FrostException;
  }

  /** The value {@code decode} returns, or {@code INVALID_ARGUMENT} naming {@code field}. */
  static <T> T decoded(String field, Decoder<T> decode) {
    try {
      return decode.run();
    } catch (FrostException e) {
      throw new RpcFailure.InvalidArgument(field, e.getMessage());
    }
  }

  /** An {@code envelopes} field, in order. */
  static List<EncryptedShare> envelopes(List<ByteString> wire) {
    List<EncryptedShare> envelopes = new ArrayList<>();
    for (int i = 0; i < wire.size(); i++) {
      ByteString envelope = wire.get(i);
      envelopes.add(decoded("envelopes[" + i + "]", () -> EncryptedShare.decode(envelope.toByteArray())));
    }
    return envelopes;
  }

  /** The wire form of outgoing envelopes, in order. */
  static List<ByteString> wire(Collection<EncryptedShare> envelopes) {
    return envelopes.stream().map(e -> ByteString.copyFrom(e.encode())).toList();
  }

  /** A {@code certificates} field, by signer (a later certificate from the same signer replaces an earlier one). */
  static Map<Identifier, DkgCertificate> certificates(List<ByteString> wire) {
    Map<Identifier, DkgCertificate> certificates = new TreeMap<>();
    for (int i = 0; i < wire.size(); i++) {
      ByteString certificate = wire.get(i);
      DkgCertificate c = decoded("certificates[" + i + "]", () -> DkgCertificate.decode(certificate.toByteArray()));
      certificates.put(c.signer(), c);
    }
    return certificates;
  }
}
