package dev.custos.core.ln.signer;

import dev.custos.core.ln.bolt3.CommitmentOutput;
import dev.custos.core.ln.bolt3.HtlcDirection;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OP_CHECKSIGVERIFY;
import fr.acinq.bitcoin.OP_DUP;
import fr.acinq.bitcoin.OP_IF;
import fr.acinq.bitcoin.OP_IFDUP;
import fr.acinq.bitcoin.OP_NOTIF;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.ScriptElt;
import java.util.List;

/**
 * The BOLT 3 commitment output templates, recognised by shape (element count and opcodes) so that
 * a proposed output can be paired with the rebuilt output it claims to be, and the template's
 * positions of keys, delays and hashes named.
 */
enum OutputKind {
  TO_LOCAL,
  TO_REMOTE,
  ANCHOR,
  OFFERED_HTLC,
  RECEIVED_HTLC,
  UNKNOWN;

  static OutputKind of(CommitmentOutput output) {
    return switch (output) {
      case CommitmentOutput.ToLocal l -> TO_LOCAL;
      case CommitmentOutput.ToRemote r -> TO_REMOTE;
      case CommitmentOutput.Anchor a -> ANCHOR;
      case CommitmentOutput.HtlcOutput h -> h.htlc().direction() == HtlcDirection.OFFERED ? OFFERED_HTLC : RECEIVED_HTLC;
    };
  }

  /** The kind of a proposed output from its scriptPubKey and witness script (empty for P2WPKH). */
  static OutputKind of(ByteVector scriptPubKey, ByteVector witnessScript) {
    if (witnessScript.isEmpty()) {
      return scriptPubKey.size() == 22 && scriptPubKey.get(0) == 0 && scriptPubKey.get(1) == 0x14 ? TO_REMOTE : UNKNOWN;
    }
    List<ScriptElt> e = parse(witnessScript);
    if (e.size() == 9 && e.get(0).equals(OP_IF.INSTANCE)) {
      return TO_LOCAL;
    }
    if (e.size() == 4 && e.get(1).equals(OP_CHECKSIGVERIFY.INSTANCE)) {
      return TO_REMOTE;
    }
    if (e.size() == 7 && e.get(2).equals(OP_IFDUP.INSTANCE)) {
      return ANCHOR;
    }
    if (e.size() > 12 && e.get(0).equals(OP_DUP.INSTANCE)) {
      if (e.get(12).equals(OP_NOTIF.INSTANCE)) {
        return OFFERED_HTLC;
      }
      if (e.get(12).equals(OP_IF.INSTANCE)) {
        return RECEIVED_HTLC;
      }
    }
    return UNKNOWN;
  }

  /** The script's elements, or none when it does not parse. */
  static List<ScriptElt> parse(ByteVector script) {
    try {
      return Script.parse(script);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** Index of the first element where two scripts differ, or -1 when one is a prefix of the other. */
  static int firstDifference(ByteVector a, ByteVector b) {
    List<ScriptElt> x = parse(a);
    List<ScriptElt> y = parse(b);
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      if (!x.get(i).equals(y.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
