package dev.custos.server.rpc;

import dev.custos.core.analysis.PsbtAnalysis;
import dev.custos.core.policy.Decision;
import dev.custos.core.policy.Finding;
import dev.custos.proto.v1.FindingEffect;
import dev.custos.proto.v1.PsbtSummary;
import dev.custos.proto.v1.Verdict;

/** Core values as API messages (the API never exposes core types). */
final class ProtoViews {
  private ProtoViews() {}

  static dev.custos.proto.v1.Decision decision(Decision d) {
    var b = dev.custos.proto.v1.Decision.newBuilder().setVerdict(switch (d.verdict()) {
      case ALLOW -> Verdict.ALLOW;
      case DENY -> Verdict.DENY;
      case PENDING_APPROVAL -> Verdict.PENDING_APPROVAL;
    });
    for (Finding f : d.findings()) {
      b.addFindings(dev.custos.proto.v1.Finding.newBuilder().setTag(f.tag().value()).setReason(f.reason()).setEffect(switch (f.effect()) {
        case DENY -> FindingEffect.FINDING_EFFECT_DENY;
        case APPROVAL -> FindingEffect.FINDING_EFFECT_APPROVAL;
        case WARN -> FindingEffect.FINDING_EFFECT_WARN;
      }));
    }
    return b.addAllBudgets(d.budgets()).build();
  }

  static PsbtSummary summary(PsbtAnalysis a) {
    var b = PsbtSummary.newBuilder().setUnsignedTxid(a.unsignedTxid()).setAmountLeavingSat(a.amountLeavingSat())
        .setEstimatedVsize(a.estimatedVsize()).addAllWarnings(a.warnings());
    a.feeSat().ifPresent(b::setFeeSat);
    return b.build();
  }
}
