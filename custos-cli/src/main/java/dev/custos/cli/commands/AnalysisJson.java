package dev.custos.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custos.core.analysis.InputAnalysis;
import dev.custos.core.analysis.OutputAnalysis;
import dev.custos.core.analysis.PsbtAnalysis;
import java.util.Locale;

/**
 * The JSON form of a {@link PsbtAnalysis} (documented in docs/cli.md). Field names are stable;
 * absent values are JSON null.
 */
final class AnalysisJson {
  private AnalysisJson() {}

  static ObjectNode toJson(ObjectMapper m, PsbtAnalysis a) {
    ObjectNode root = m.createObjectNode();
    root.put("psbtVersion", a.psbtVersion());
    root.put("network", a.network());
    root.put("unsignedTxid", a.unsignedTxid());
    ArrayNode ins = root.putArray("inputs");
    for (InputAnalysis i : a.inputs()) {
      ObjectNode n = ins.addObject();
      n.put("index", i.index());
      n.put("outpoint", i.outpoint());
      if (i.amountSat().isPresent()) {
        n.put("amountSat", i.amountSat().getAsLong());
      } else {
        n.putNull("amountSat");
      }
      n.put("scriptType", i.scriptType().label());
      n.put("address", i.address().orElse(null));
      n.put("ours", i.ours());
      n.put("signatures", i.signatures());
      n.put("finalized", i.finalized());
    }
    ArrayNode outs = root.putArray("outputs");
    for (OutputAnalysis o : a.outputs()) {
      ObjectNode n = outs.addObject();
      n.put("index", o.index());
      n.put("amountSat", o.amountSat());
      n.put("scriptType", o.scriptType().label());
      n.put("address", o.address().orElse(null));
      n.put("script", o.scriptHex());
      n.put("ownership", o.ownership().name().toLowerCase(Locale.ROOT));
      n.put("path", o.path().orElse(null));
    }
    if (a.totalInSat().isPresent()) {
      root.put("totalInSat", a.totalInSat().getAsLong());
    } else {
      root.putNull("totalInSat");
    }
    root.put("totalOutSat", a.totalOutSat());
    root.put("amountLeavingSat", a.amountLeavingSat());
    if (a.feeSat().isPresent()) {
      root.put("feeSat", a.feeSat().getAsLong());
    } else {
      root.putNull("feeSat");
    }
    root.put("estimatedVsize", a.estimatedVsize());
    if (a.feeRateSatPerVb().isPresent()) {
      root.put("feeRateSatPerVb", Math.round(a.feeRateSatPerVb().get() * 100) / 100.0);
    } else {
      root.putNull("feeRateSatPerVb");
    }
    ArrayNode w = root.putArray("warnings");
    a.warnings().forEach(w::add);
    return root;
  }
}
