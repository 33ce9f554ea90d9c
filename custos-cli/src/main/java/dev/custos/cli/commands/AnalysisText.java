package dev.custos.cli.commands;

import dev.custos.core.analysis.InputAnalysis;
import dev.custos.core.analysis.OutputAnalysis;
import dev.custos.core.analysis.PsbtAnalysis;
import java.io.PrintStream;
import java.util.Locale;

/** The human-readable form of a {@link PsbtAnalysis}. */
final class AnalysisText {
  private AnalysisText() {}

  static void print(PrintStream out, PsbtAnalysis a, boolean walletKnown) {
    out.printf("PSBT v%d, network %s, unsigned txid %s%n", a.psbtVersion(), a.network(), a.unsignedTxid());
    out.printf("Inputs (%d):%n", a.inputs().size());
    for (InputAnalysis i : a.inputs()) {
      out.printf("  #%d %s  %s  %s%s%s%n", i.index(), i.outpoint(),
          i.amountSat().isPresent() ? btc(i.amountSat().getAsLong()) : "amount unknown",
          i.scriptType().label(),
          i.ours() ? "  ours" : "",
          i.finalized() ? "  finalized" : i.signatures() > 0 ? "  " + i.signatures() + " signature(s)" : "");
    }
    out.printf("Outputs (%d):%n", a.outputs().size());
    for (OutputAnalysis o : a.outputs()) {
      String who = switch (o.ownership()) {
        case CHANGE -> "change (verified, " + o.path().orElse("") + ")";
        case RECEIVE -> "ours (verified, " + o.path().orElse("") + ")";
        case EXTERNAL -> walletKnown ? "external" : "not checked (no --data-dir)";
      };
      out.printf("  #%d %s  %s  %s%n", o.index(), btc(o.amountSat()), o.address().orElse("script " + o.scriptHex()), who);
    }
    out.printf("Amount leaving the wallet: %s%n", btc(a.amountLeavingSat()));
    if (a.feeSat().isPresent()) {
      out.printf(Locale.ROOT, "Fee: %s, %.2f sat/vB (estimated vsize %d vB)%n", btc(a.feeSat().getAsLong()),
          a.feeRateSatPerVb().orElse(0.0), a.estimatedVsize());
    } else {
      out.printf("Fee: unknown (estimated vsize %d vB)%n", a.estimatedVsize());
    }
    for (String w : a.warnings()) {
      out.println("WARNING: " + w);
    }
  }

  static String btc(long sat) {
    return String.format(Locale.ROOT, "%d.%08d BTC", sat / 100_000_000L, sat % 100_000_000L);
  }
}
