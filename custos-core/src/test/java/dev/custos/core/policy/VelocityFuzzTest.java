package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's velocity arithmetic, as a property: with random recorded debits (any scope, key
 * and age, some exactly on the window edge) and one random limit, the spend is denied with the
 * scope's amount tag iff the exact window sum plus the amount leaving exceeds max-amount, and with
 * its count tag iff the window count plus one exceeds max-count. Monotonicity: a ledger that
 * reports more (as {@link VelocityLedger} permits) never turns a DENY into an ALLOW nor drops a
 * denying tag. Over-counts are drawn up to 21 million BTC and 10^9 transactions; totals near
 * {@code Long.MAX_VALUE} are pinned in {@link PolicySemanticsTest} (disabled: they expose a bug).
 */
class VelocityFuzzTest {
  private static final long MAX_MONEY_SAT = 21_000_000L * 100_000_000L;
  private static final String OTHER_KEY = "api:someone-else";

  @FuzzTest(maxDuration = "10s")
  void denyIffExactWindowSumExceedsMaxAndOverCountingOnlyTightens(FuzzedDataProvider data) {
    check(Draw.of(data));
  }

  @Test
  void denyIffExactWindowSumExceedsMaxOnSeededCases() {
    Random random = new Random(2_100_000_000_000_000L);
    for (int i = 0; i < 1_000; i++) {
      check(Draw.of(random));
    }
  }

  private record Recorded(VelocityLimit.Scope scope, String key, long ageSeconds, long amountSat) {}

  private static void check(Draw d) {
    Instant now = PolicyBaseline.NOW;
    long pay = d.between(1L, 99_000_000L);
    SpendDraft spend = PolicyBaseline.spend();
    spend.paySat = pay;
    spend.changeSat = PolicyBaseline.INPUT_SAT - PolicyBaseline.FEE_SAT - pay;

    VelocityLimit.Scope scope = pick(d, VelocityLimit.Scope.values());
    String key = keyOf(scope);
    long windowMinutes = d.between(1L, VelocityLimit.MAX_WINDOW.toMinutes());
    long windowSeconds = windowMinutes * 60;

    List<Recorded> recorded = new ArrayList<>();
    RecordedLedger ledger = new RecordedLedger();
    int n = d.between(0, 12);
    for (int i = 0; i < n; i++) {
      VelocityLimit.Scope s = d.bool() ? scope : pick(d, VelocityLimit.Scope.values());
      String k = d.bool() ? keyOf(s) : pick(d, new String[] {PolicyBaseline.WALLET_ID, PolicyBaseline.CREDENTIAL,
          PolicyBaseline.payeeHex(), OTHER_KEY});
      long age = switch (d.between(0, 3)) {
        case 0 -> windowSeconds;
        case 1 -> windowSeconds - 1;
        default -> d.between(0L, 2 * windowSeconds);
      };
      long amount = d.between(0L, 1_000_000_000L);
      recorded.add(new Recorded(s, k, age, amount));
      ledger.record(now.minusSeconds(age), s, k, amount);
    }

    // The reference: what (now - window, now] holds for this scope and key.
    long sum = 0;
    long count = 0;
    for (Recorded r : recorded) {
      if (r.scope() == scope && r.key().equals(key) && r.ageSeconds() < windowSeconds) {
        sum += r.amountSat();
        count++;
      }
    }

    OptionalLong maxAmount = limit(d, sum + pay, 30 * 100_000_000L);
    OptionalLong maxCount = limit(d, count + 1, 20);
    if (maxAmount.isEmpty() && maxCount.isEmpty()) {
      maxCount = OptionalLong.of(count + 1);
    }
    VelocityLimit limit = new VelocityLimit(scope, Duration.ofMinutes(windowMinutes), maxAmount, maxCount);
    PolicyDraft draft = new PolicyDraft();
    draft.unlimited = true;
    draft.velocity(limit);
    Optional<Policy> policy = Optional.of(draft.build());
    SpendRequest request = spend.request(now);

    Set<PolicyTag> expected = new TreeSet<>();
    if (maxAmount.isPresent() && sum + pay > maxAmount.getAsLong()) {
      expected.add(PolicyTag.velocity(scope, true));
    }
    if (maxCount.isPresent() && count + 1 > maxCount.getAsLong()) {
      expected.add(PolicyTag.velocity(scope, false));
    }
    String context = "limit=" + limit + " pay=" + pay + " recorded=" + recorded;

    Decision exact = PolicyEvaluator.evaluate(policy, request, ledger);

    assertThat(exact.tags(Finding.Effect.DENY)).as(context).containsExactlyElementsOf(expected);
    assertThat(exact.verdict()).as(context).isEqualTo(expected.isEmpty() ? Verdict.ALLOW : Verdict.DENY);

    long extraAmount = d.between(0L, MAX_MONEY_SAT);
    long extraCount = d.between(0L, 1_000_000_000L);
    VelocityLedger larger = (s, k, w, at) -> {
      VelocityLedger.Totals t = ledger.totals(s, k, w, at);
      return new VelocityLedger.Totals(t.amountSat() + extraAmount, t.count() + extraCount);
    };
    Decision overCounted = PolicyEvaluator.evaluate(policy, request, larger);

    String more = context + " extra=" + extraAmount + " sat, " + extraCount + " tx";
    assertThat(overCounted.tags(Finding.Effect.DENY)).as(more).containsAll(exact.tags(Finding.Effect.DENY));
    if (exact.verdict() == Verdict.DENY) {
      assertThat(overCounted.verdict()).as(more).isEqualTo(Verdict.DENY);
    }
  }

  /** No limit, a limit within two of {@code needed} (the edge), or any limit up to {@code cap}. */
  private static OptionalLong limit(Draw d, long needed, long cap) {
    return switch (d.between(0, 2)) {
      case 0 -> OptionalLong.empty();
      case 1 -> OptionalLong.of(Math.max(0, needed + d.between(-2L, 2L)));
      default -> OptionalLong.of(d.between(0L, cap));
    };
  }

  private static String keyOf(VelocityLimit.Scope scope) {
    return switch (scope) {
      case WALLET -> PolicyBaseline.WALLET_ID;
      case CREDENTIAL -> PolicyBaseline.CREDENTIAL;
      case DESTINATION -> PolicyBaseline.payeeHex();
    };
  }

  private static <T> T pick(Draw d, T[] values) {
    return values[d.between(0, values.length - 1)];
  }
}
