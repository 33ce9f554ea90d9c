package dev.custos.service.approval;

import dev.custos.core.approval.ApproverSet;
import dev.custos.core.keys.Network;
import dev.custos.core.message.ApproverKey;
import dev.custos.core.message.SignatureRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of an admin-set or approver-set change, and how an approver set is written in
 * proposals: {@code threshold=M keys=ID,ID,...} (ASCII; ids as {@link ApproverKey#id()}, in the
 * order given). Parsing is strict: it accepts only what {@link #render} produces, and the keys must
 * parse for the network and form a valid {@link ApproverSet}.
 */
public final class ApproverSetText {
  private ApproverSetText() {}

  public static String render(ApproverSet set) {
    return "threshold=" + set.threshold() + " keys=" + String.join(",", set.keys().stream().map(ApproverKey::id).toList());
  }

  public static byte[] payload(ApproverSet set) {
    return render(set).getBytes(StandardCharsets.US_ASCII);
  }

  /** @throws ApprovalException INVALID naming what is wrong */
  public static ApproverSet parse(byte[] payload, Network network) throws ApprovalException {
    String text = new String(payload, StandardCharsets.US_ASCII);
    String[] parts = text.split(" ", -1);
    if (parts.length != 2 || !parts[0].startsWith("threshold=") || !parts[1].startsWith("keys=")) {
      throw new ApprovalException(ApprovalException.Kind.INVALID, "approver set: expected 'threshold=M keys=ID,ID,...'");
    }
    int threshold;
    try {
      threshold = Integer.parseInt(parts[0].substring("threshold=".length()));
    } catch (NumberFormatException e) {
      throw new ApprovalException(ApprovalException.Kind.INVALID, "approver set: threshold is not a number");
    }
    ApproverSet set = of(List.of(parts[1].substring("keys=".length()).split(",", -1)), threshold, network);
    if (!render(set).equals(text)) {
      throw new ApprovalException(ApprovalException.Kind.INVALID, "approver set: not in canonical form");
    }
    return set;
  }

  /** Parses each key text ({@link ApproverKey#parse}) into a set with this threshold. */
  public static ApproverSet of(List<String> keys, int threshold, Network network) throws ApprovalException {
    List<ApproverKey> parsed = new ArrayList<>();
    for (String k : keys) {
      try {
        parsed.add(ApproverKey.parse(k, network));
      } catch (SignatureRejectedException e) {
        throw new ApprovalException(ApprovalException.Kind.INVALID, e.getMessage());
      }
    }
    try {
      return new ApproverSet(parsed, threshold);
    } catch (IllegalArgumentException e) {
      throw new ApprovalException(ApprovalException.Kind.INVALID, e.getMessage());
    }
  }
}
