package dev.custos.core.policy;

import dev.custos.core.analysis.InputAnalysis;
import dev.custos.core.analysis.OutputAnalysis;
import dev.custos.core.analysis.PsbtAnalysis;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.sign.ScriptType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a spend. Pure: the same policy, request and ledger give the same decision, and nothing
 * is written (the caller records the decision and its debits atomically before signing).
 *
 * <p>Semantics: every rule is evaluated and reported. A finding whose tag is warn-only becomes a
 * warning. Then: any DENY finding gives {@link Verdict#DENY}; else any APPROVAL finding gives
 * {@link Verdict#PENDING_APPROVAL}; else {@link Verdict#ALLOW}. No policy at all denies
 * ({@code policy-none-applied}).
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  public static Decision evaluate(Optional<Policy> maybePolicy, SpendRequest request, VelocityLedger ledger) {
    if (maybePolicy.isEmpty()) {
      return new Decision(Verdict.DENY, List.of(new Finding(PolicyTag.NONE_APPLIED, Finding.Effect.DENY,
          "no policy is applied: nothing can be signed until one is (custos policy apply)")), List.of(), List.of());
    }
    Policy policy = maybePolicy.get();
    Rules r = new Rules(policy, request, ledger);
    r.amount();
    r.velocity();
    r.destinations();
    r.outputs();
    r.fees();
    r.timeWindows();
    r.transaction();
    r.approval();
    boolean deny = r.findings.stream().anyMatch(f -> f.effect() == Finding.Effect.DENY);
    boolean approval = r.findings.stream().anyMatch(f -> f.effect() == Finding.Effect.APPROVAL);
    Verdict verdict = deny ? Verdict.DENY : approval ? Verdict.PENDING_APPROVAL : Verdict.ALLOW;
    return new Decision(verdict, r.findings, verdict == Verdict.ALLOW ? r.debits() : List.of(), r.budgets);
  }

  /** Scratch state of one evaluation. */
  private static final class Rules {
    final Policy policy;
    final SpendRequest req;
    final PsbtAnalysis a;
    final VelocityLedger ledger;
    final List<Finding> findings = new ArrayList<>();
    final List<String> budgets = new ArrayList<>();

    Rules(Policy policy, SpendRequest req, VelocityLedger ledger) {
      this.policy = policy;
      this.req = req;
      this.a = req.analysis();
      this.ledger = ledger;
    }

    void violate(PolicyTag tag, Finding.Effect effect, String reason) {
      findings.add(new Finding(tag, policy.warnOnly().contains(tag) ? Finding.Effect.WARN : effect, reason));
    }

    void deny(PolicyTag tag, String reason) {
      violate(tag, Finding.Effect.DENY, reason);
    }

    List<OutputAnalysis> external() {
      return a.outputs().stream().filter(o -> !o.isOurs()).toList();
    }

    /** Amount per external destination script (hex), in output order. */
    Map<String, Long> perDestination() {
      Map<String, Long> m = new LinkedHashMap<>();
      for (OutputAnalysis o : external()) {
        m.merge(o.scriptHex(), o.amountSat(), Math::addExact);
      }
      return m;
    }

    void amount() {
      policy.maxPerTransactionSat().ifPresent(max -> {
        if (a.amountLeavingSat() > max) {
          deny(PolicyTag.AMOUNT_MAX_PER_TX, "amount " + Amounts.format(a.amountLeavingSat()) + " > per-tx max " + Amounts.format(max));
        }
      });
    }

    void approval() {
      policy.approvalAboveSat().ifPresent(above -> {
        if (a.amountLeavingSat() > above) {
          violate(PolicyTag.APPROVAL_AMOUNT, Finding.Effect.APPROVAL,
              "amount " + Amounts.format(a.amountLeavingSat()) + " > approval threshold " + Amounts.format(above));
        }
      });
    }

    void velocity() {
      for (VelocityLimit limit : policy.velocity()) {
        Map<String, Long> spends = switch (limit.scope()) {
          case WALLET -> Map.of(req.walletId(), a.amountLeavingSat());
          case CREDENTIAL -> Map.of(req.credential(), a.amountLeavingSat());
          case DESTINATION -> perDestination();
        };
        for (Map.Entry<String, Long> e : spends.entrySet()) {
          checkBudget(limit, e.getKey(), e.getValue());
        }
      }
    }

    private void checkBudget(VelocityLimit limit, String key, long amount) {
      VelocityLedger.Totals t = ledger.totals(limit.scope(), key, limit.window(), req.now());
      String who = limit.scope().id() + (limit.scope() == VelocityLimit.Scope.WALLET ? "" : " " + shortKey(key))
          + " " + window(limit.window());
      // Compare without overflow: a ledger may over-count up to Long.MAX_VALUE and must still deny.
      limit.maxAmountSat().ifPresent(max -> {
        if (t.amountSat() > max || amount > max - t.amountSat()) {
          String total = t.amountSat() <= Long.MAX_VALUE - amount ? " = " + Amounts.format(t.amountSat() + amount) : "";
          deny(PolicyTag.velocity(limit.scope(), true), who + ": spent " + Amounts.format(t.amountSat()) + " + "
              + Amounts.format(amount) + total + " > max " + Amounts.format(max));
        } else {
          long after = t.amountSat() + amount;
          budgets.add(who + ": " + Amounts.format(max - after) + " of " + Amounts.format(max) + " left after this");
        }
      });
      limit.maxCount().ifPresent(max -> {
        if (t.count() >= max) {
          deny(PolicyTag.velocity(limit.scope(), false), who + ": " + t.count() + " transactions + 1 > max " + max);
        } else {
          budgets.add(who + ": " + (max - t.count() - 1) + " of " + max + " transactions left after this");
        }
      });
    }

    void destinations() {
      for (OutputAnalysis o : external()) {
        var script = new fr.acinq.bitcoin.ByteVector(o.scriptHex());
        String where = "output " + o.index() + " (" + o.address().orElse("script " + o.scriptHex()) + ")";
        Destination denied = policy.denylist().get(script);
        if (denied != null) {
          deny(PolicyTag.DESTINATION_DENIED, where + " pays denylisted " + denied.label());
        }
        if (policy.allowlist().isPresent() && !policy.allowlist().get().containsKey(script)) {
          deny(PolicyTag.DESTINATION_NOT_ALLOWED, where + " is not in the allowlist");
        }
      }
    }

    void outputs() {
      for (OutputAnalysis o : a.outputs()) {
        if (o.claimsWallet() && !o.isOurs()) {
          deny(PolicyTag.OUTPUT_CHANGE_UNVERIFIED, "output " + o.index()
              + " claims to be change of this wallet but does not derive from its accounts");
        }
        if (o.address().isEmpty() && !policy.allowUnknownOutputScripts()) {
          deny(PolicyTag.OUTPUT_UNKNOWN_SCRIPT, "output " + o.index() + " has no address form (script " + o.scriptHex() + ")");
        }
        if (!o.isOurs()) {
          policy.outputScriptTypes().filter(types -> !types.contains(o.scriptType())).ifPresent(types ->
              deny(PolicyTag.OUTPUT_SCRIPT_TYPE, "output " + o.index() + " is " + o.scriptType().label()
                  + ", allowed: " + labels(types)));
        }
      }
    }

    void fees() {
      boolean anyFeeRule = policy.maxFeeSat().isPresent() || policy.maxFeeRateSatPerVb().isPresent()
          || policy.maxFeePercent().isPresent();
      if (!anyFeeRule) {
        return;
      }
      if (a.feeSat().isEmpty()) {
        deny(PolicyTag.FEE_UNKNOWN, "fee cannot be computed (an input's spent output is missing), so fee limits cannot be enforced");
        return;
      }
      long fee = a.feeSat().getAsLong();
      policy.maxFeeSat().ifPresent(max -> {
        if (fee > max) {
          deny(PolicyTag.FEE_ABSOLUTE, "fee " + Amounts.format(fee) + " > max " + Amounts.format(max));
        }
      });
      policy.maxFeeRateSatPerVb().ifPresent(max -> {
        double rate = a.feeRateSatPerVb().orElse(0.0);
        if (rate > max) {
          deny(PolicyTag.FEE_RATE, String.format(Locale.ROOT, "fee rate %.2f sat/vB > max %s sat/vB", rate, trim(max)));
        }
      });
      policy.maxFeePercent().ifPresent(max -> {
        if (a.amountLeavingSat() > 0) {
          double pct = 100.0 * fee / a.amountLeavingSat();
          if (pct > max) {
            deny(PolicyTag.FEE_PERCENT, String.format(Locale.ROOT, "fee %s is %.2f%% of the %s sent > max %s%%",
                Amounts.format(fee), pct, Amounts.format(a.amountLeavingSat()), trim(max)));
          }
        }
      });
    }

    void timeWindows() {
      if (!policy.timeWindows().isEmpty() && policy.timeWindows().stream().noneMatch(w -> w.contains(req.now()))) {
        deny(PolicyTag.TIME_WINDOW, "time " + req.now() + " (UTC) is outside every allowed time window");
      }
    }

    void transaction() {
      List<PsbtInput> inputs = req.psbt().inputs();
      for (int i = 0; i < inputs.size(); i++) {
        InputAnalysis ia = a.inputs().get(i);
        int sighash = inputs.get(i).sighashType().orElse(ia.scriptType() == ScriptType.P2TR ? 0 : 1);
        if (!policy.allowedSighashTypes().contains(sighash)) {
          deny(PolicyTag.TX_SIGHASH, "input " + i + " requests sighash 0x" + Integer.toHexString(sighash)
              + ", allowed: " + policy.allowedSighashTypes().stream().sorted().map(s -> "0x" + Integer.toHexString(s)).toList());
        }
        int idx = i;
        policy.inputScriptTypes().filter(types -> !types.contains(ia.scriptType())).ifPresent(types ->
            deny(PolicyTag.INPUT_SCRIPT_TYPE, "input " + idx + " is " + ia.scriptType().label() + ", allowed: " + labels(types)));
      }
      long lockTime = req.psbt().unsignedTransaction().lockTime;
      if (lockTime != 0 && !policy.allowLocktime()) {
        deny(PolicyTag.TX_LOCKTIME, "nLockTime " + lockTime + " is set but the policy does not allow lock times");
      }
    }

    List<Debit> debits() {
      List<Debit> d = new ArrayList<>();
      d.add(new Debit(VelocityLimit.Scope.WALLET, req.walletId(), a.amountLeavingSat()));
      d.add(new Debit(VelocityLimit.Scope.CREDENTIAL, req.credential(), a.amountLeavingSat()));
      perDestination().forEach((script, amount) -> d.add(new Debit(VelocityLimit.Scope.DESTINATION, script, amount)));
      return d;
    }
  }

  private static String labels(java.util.Set<ScriptType> types) {
    return types.stream().map(ScriptType::label).sorted().toList().toString();
  }

  private static String shortKey(String key) {
    return key.length() > 20 ? key.substring(0, 16) + "…" : key;
  }

  private static String trim(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** {@code 24h}, {@code 7d}, {@code 90m}: days only from two days up, so a day reads {@code 24h}. */
  static String window(Duration d) {
    if (d.toDays() > 1 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() + "d";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "h";
    }
    return d.toMinutes() + "m";
  }
}
