package dev.custos.server.cosigner;

import com.google.protobuf.ByteString;
import dev.custos.core.frost.EncryptedShare;
import dev.custos.core.frost.FrostException;
import dev.custos.core.frost.Identifier;
import dev.custos.service.cosigner.GroupMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sorts the encrypted envelopes a relay gathers by their recipient, unopened, so that each member
 * is handed exactly the envelopes addressed to it. The relay reads only the recipient; an envelope
 * that does not decode is a {@link CoordinatorException} naming the member that sent it.
 */
final class EnvelopeInbox {
  private final Map<Identifier, List<ByteString>> byRecipient = new TreeMap<>();
  private final String kind;

  /** @param kind what the envelopes are, for failure messages ({@code "envelope"}, {@code "delta envelope"}) */
  EnvelopeInbox(String kind) {
    this.kind = kind;
  }

  /** Files each of {@code sender}'s envelopes under its recipient. */
  void deliver(GroupMember sender, List<ByteString> envelopes) throws CoordinatorException {
    for (ByteString envelope : envelopes) {
      try {
        byRecipient.computeIfAbsent(EncryptedShare.decode(envelope.toByteArray()).recipient(), k -> new ArrayList<>()).add(envelope);
      } catch (FrostException ex) {
        throw new CoordinatorException("member " + sender.index() + " sent a malformed " + kind + ": " + ex.getMessage());
      }
    }
  }

  /** The envelopes addressed to {@code recipient} (none if nobody wrote to it). */
  List<ByteString> to(GroupMember recipient) {
    return byRecipient.getOrDefault(recipient.identifier(), List.of());
  }
}
