package dev.custos.cli.client;

import dev.custos.proto.v1.Decision;
import dev.custos.proto.v1.Finding;
import dev.custos.proto.v1.PsbtSummary;
import java.io.PrintStream;

/** Prints a server's {@link Decision} and {@link PsbtSummary} in the local commands' text layout. */
final class DecisionText {
  private DecisionText() {}

  static void print(PrintStream out, Decision d, PsbtSummary a) {
    out.println("txid: " + a.getUnsignedTxid());
    out.println("amount leaving: " + a.getAmountLeavingSat() + " sat" + (a.hasFeeSat() ? ", fee " + a.getFeeSat() + " sat" : ", fee unknown")
        + ", ~" + a.getEstimatedVsize() + " vB");
    a.getWarningsList().forEach(w -> out.println("warning: " + w));
    out.println("decision: " + d.getVerdict());
    for (Finding f : d.getFindingsList()) {
      out.println("  " + f.getEffect() + " " + f.getTag() + ": " + f.getReason());
    }
    d.getBudgetsList().forEach(b -> out.println("  budget " + b));
  }
}
