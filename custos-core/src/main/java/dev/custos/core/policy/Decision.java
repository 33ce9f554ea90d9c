package dev.custos.core.policy;

import java.util.List;

/**
 * A policy decision with every finding (including warn-only ones), the budgets an ALLOW
 * consumes, and a short account of what remains ("wallet 24h: 0.3 BTC of 2 BTC left").
 */
public record Decision(Verdict verdict, List<Finding> findings, List<Debit> debits, List<String> budgets) {
  public Decision {
    findings = List.copyOf(findings);
    debits = List.copyOf(debits);
    budgets = List.copyOf(budgets);
  }

  /** The tags of findings with the given effect, sorted, for messages and exit lines. */
  public List<PolicyTag> tags(Finding.Effect effect) {
    return findings.stream().filter(f -> f.effect() == effect).map(Finding::tag).sorted().distinct().toList();
  }
}
