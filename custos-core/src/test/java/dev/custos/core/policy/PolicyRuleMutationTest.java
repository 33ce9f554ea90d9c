package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.sign.ScriptType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STYLE habit 8: for every {@link PolicyTag}, one mutation of the {@link PolicyBaseline} (to the
 * PSBT, the policy, the ledger or the time) violates exactly that rule, with a reason that names
 * the numbers; and the same mutation with the tag in {@code warn-only} is allowed with a warning.
 */
class PolicyRuleMutationTest {
  private static final String WALLET = PolicyBaseline.WALLET_ID;
  private static final String PAYEE = PolicyBaseline.payeeHex();
  private static final Instant NOW = PolicyBaseline.NOW;

  /**
   * @param variant a documented change to the baseline that must itself still be allowed, for the
   *     two rules whose violation the full baseline also catches by another rule (see
   *     {@link #overlappingRulesAllReport()})
   */
  record Mutation(PolicyTag tag, String what, Verdict verdict, List<String> reasonParts,
      Consumer<Scenario> variant, Consumer<Scenario> apply) {
    Mutation(PolicyTag tag, String what, List<String> reasonParts, Consumer<Scenario> apply) {
      this(tag, what, Verdict.DENY, reasonParts, s -> { }, apply);
    }

    @Override
    public String toString() {
      return tag + ": " + what;
    }
  }

  static Stream<Mutation> mutations() {
    return Stream.of(
        new Mutation(PolicyTag.NONE_APPLIED, "no policy is applied",
            List.of("no policy is applied"), s -> s.policy = Optional.empty()),
        new Mutation(PolicyTag.AMOUNT_MAX_PER_TX, "per-tx max lowered to 0.5 BTC",
            List.of("amount 0.6 BTC > per-tx max 0.5 BTC"), s -> s.draft().maxPerTransactionSat = OptionalLong.of(50_000_000)),
        new Mutation(PolicyTag.DESTINATION_DENIED, "the payee is also denylisted",
            List.of("output 0 (" + PolicyBaseline.payeeAddress() + ") pays denylisted book blocked: former supplier"),
            s -> s.draft().denylist.put(PolicyBaseline.PAYEE, new Destination(PolicyBaseline.PAYEE, "book blocked: former supplier"))),
        new Mutation(PolicyTag.DESTINATION_NOT_ALLOWED, "the PSBT pays an address on neither list",
            List.of("output 0 (" + PolicyBaseline.STRANGER.address(0, 8) + ") is not in the allowlist"),
            s -> s.spend.payee = PolicyBaseline.UNLISTED),
        new Mutation(PolicyTag.OUTPUT_CHANGE_UNVERIFIED, "output 0 carries our fingerprint at m/84'/1'/0'/1/5",
            List.of("output 0 claims to be change of this wallet but does not derive from its accounts"),
            s -> s.spend.payeeClaimsWallet = true),
        new Mutation(PolicyTag.OUTPUT_UNKNOWN_SCRIPT, "an OP_RETURN output is added", Verdict.DENY,
            List.of("output 2 has no address form (script " + PolicyBaseline.OP_RETURN.toHex() + ")"),
            s -> {
              s.draft().allow(new Destination(PolicyBaseline.OP_RETURN, "anchor commitment"));
              s.draft().outputScriptTypes = Optional.empty();
            },
            s -> s.spend.extraOutput = Optional.of(PolicyBaseline.OP_RETURN)),
        new Mutation(PolicyTag.OUTPUT_SCRIPT_TYPE, "external outputs restricted to p2tr",
            List.of("output 0 is p2wpkh, allowed: [p2tr]"), s -> s.draft().outputScriptTypes = Optional.of(Set.of(ScriptType.P2TR))),
        new Mutation(PolicyTag.INPUT_SCRIPT_TYPE, "inputs restricted to p2tr",
            List.of("input 0 is p2wpkh, allowed: [p2tr]"), s -> s.draft().inputScriptTypes = Optional.of(Set.of(ScriptType.P2TR))),
        new Mutation(PolicyTag.FEE_UNKNOWN, "the input carries no spent output", Verdict.DENY,
            List.of("fee cannot be computed"),
            s -> s.draft().inputScriptTypes = Optional.empty(),
            s -> s.spend.spentOutputKnown = false),
        new Mutation(PolicyTag.FEE_ABSOLUTE, "max fee lowered to 9999 sat",
            List.of("fee 10000 sat > max 9999 sat"), s -> s.draft().maxFeeSat = OptionalLong.of(9_999)),
        new Mutation(PolicyTag.FEE_RATE, "max fee rate lowered to 70 sat/vB (10000 sat / 141 vB = 70.92)",
            List.of("fee rate 70.92 sat/vB > max 70 sat/vB"), s -> s.draft().maxFeeRateSatPerVb = OptionalDouble.of(70)),
        new Mutation(PolicyTag.FEE_PERCENT, "max fee percent lowered to 0.01% (10000 / 60000000 = 0.0167%)",
            List.of("fee 10000 sat is 0.02% of the 0.6 BTC sent > max 0.01%"), s -> s.draft().maxFeePercent = OptionalDouble.of(0.01)),
        new Mutation(PolicyTag.TIME_WINDOW, "signing at 18:00 on Wednesday, the exclusive end of business hours",
            List.of("time 2025-03-12T18:00:00Z (UTC) is outside every allowed time window"),
            s -> s.now = Instant.parse("2025-03-12T18:00:00Z")),
        new Mutation(PolicyTag.TX_SIGHASH, "the input requests SIGHASH_SINGLE|ANYONECANPAY",
            List.of("input 0 requests sighash 0x83, allowed: [0x0, 0x1]"), s -> s.spend.sighash = OptionalInt.of(0x83)),
        new Mutation(PolicyTag.TX_LOCKTIME, "nLockTime set to block 840000",
            List.of("nLockTime 840000 is set"), s -> s.spend.lockTime = 840_000),
        new Mutation(PolicyTag.APPROVAL_AMOUNT, "approval threshold lowered to 0.5 BTC", Verdict.PENDING_APPROVAL,
            List.of("amount 0.6 BTC > approval threshold 0.5 BTC"), s -> { },
            s -> s.draft().approvalAboveSat = OptionalLong.of(50_000_000)),
        new Mutation(velocity(VelocityLimit.Scope.WALLET, true), "another credential spent 1 BTC from this wallet an hour ago",
            List.of("wallet ", ": spent 1.5 BTC + 0.6 BTC = 2.1 BTC > max 2 BTC"),
            s -> s.ledger.record(NOW.minus(Duration.ofHours(1)), VelocityLimit.Scope.WALLET, WALLET, 100_000_000)
                .record(NOW.minus(Duration.ofHours(1)), VelocityLimit.Scope.CREDENTIAL, "api:payroll", 100_000_000)),
        new Mutation(velocity(VelocityLimit.Scope.WALLET, false), "nine more small spends from this wallet today",
            List.of("wallet ", ": 10 transactions + 1 > max 10"), s -> {
              for (int i = 1; i <= 9; i++) {
                s.ledger.record(NOW.minus(Duration.ofMinutes(10 * i)), VelocityLimit.Scope.WALLET, WALLET, 1_000);
              }
            }),
        new Mutation(velocity(VelocityLimit.Scope.CREDENTIAL, true), "the credential spent 0.5 BTC from another wallet",
            List.of("credential api:treasury-bot ", ": spent 1 BTC + 0.6 BTC = 1.6 BTC > max 1.5 BTC"),
            s -> s.ledger.record(NOW.minus(Duration.ofHours(1)), VelocityLimit.Scope.CREDENTIAL, PolicyBaseline.CREDENTIAL, 50_000_000)
                .record(NOW.minus(Duration.ofHours(1)), VelocityLimit.Scope.WALLET, "0badc0de", 50_000_000)),
        new Mutation(velocity(VelocityLimit.Scope.CREDENTIAL, false), "the credential made four more spends today",
            List.of("credential api:treasury-bot ", ": 5 transactions + 1 > max 5"), s -> {
              for (int i = 1; i <= 4; i++) {
                s.ledger.record(NOW.minus(Duration.ofMinutes(10 * i)), VelocityLimit.Scope.CREDENTIAL, PolicyBaseline.CREDENTIAL, 1_000);
              }
            }),
        new Mutation(velocity(VelocityLimit.Scope.DESTINATION, true), "the payee received 0.3 BTC more this week",
            List.of("destination " + PAYEE.substring(0, 16) + "… 7d: spent 0.5 BTC + 0.6 BTC = 1.1 BTC > max 1 BTC"),
            s -> s.ledger.record(NOW.minus(Duration.ofDays(6)), VelocityLimit.Scope.DESTINATION, PAYEE, 30_000_000)),
        new Mutation(velocity(VelocityLimit.Scope.DESTINATION, false), "the payee was paid twice more this week",
            List.of("destination " + PAYEE.substring(0, 16) + "… 7d: 3 transactions + 1 > max 3"), s -> {
              s.ledger.record(NOW.minus(Duration.ofDays(6)), VelocityLimit.Scope.DESTINATION, PAYEE, 1_000);
              s.ledger.record(NOW.minus(Duration.ofDays(1)), VelocityLimit.Scope.DESTINATION, PAYEE, 1_000);
            }));
  }

  static Stream<Mutation> demotableMutations() {
    return mutations().filter(m -> !m.tag().equals(PolicyTag.NONE_APPLIED));
  }

  private static PolicyTag velocity(VelocityLimit.Scope scope, boolean amount) {
    return PolicyTag.velocity(scope, amount);
  }

  private static Set<PolicyTag> enforced(Decision d) {
    Set<PolicyTag> tags = new TreeSet<>(d.tags(Finding.Effect.DENY));
    tags.addAll(d.tags(Finding.Effect.APPROVAL));
    return tags;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void oneMutationViolatesExactlyItsRule(Mutation m) {
    Scenario s = new Scenario();
    m.variant().accept(s);
    assertThat(s.decide().findings()).as("the baseline variant itself passes").isEmpty();

    m.apply().accept(s);
    Decision d = s.decide();

    assertThat(d.verdict()).isEqualTo(m.verdict());
    assertThat(enforced(d)).containsExactly(m.tag());
    assertThat(d.tags(Finding.Effect.WARN)).isEmpty();
    assertThat(d.debits()).isEmpty();
    Finding f = d.findings().stream().filter(x -> x.tag().equals(m.tag())).findFirst().orElseThrow();
    assertThat(f.effect()).isEqualTo(m.verdict() == Verdict.DENY ? Finding.Effect.DENY : Finding.Effect.APPROVAL);
    assertThat(f.reason()).contains(m.reasonParts());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("demotableMutations")
  void theSameMutationWithTheTagWarnOnlyIsAllowedWithAWarning(Mutation m) {
    Scenario s = new Scenario();
    m.variant().accept(s);
    m.apply().accept(s);
    s.draft().warnOnly.add(m.tag());

    Decision d = s.decide();

    assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(enforced(d)).isEmpty();
    assertThat(d.findings()).singleElement().satisfies(f -> {
      assertThat(f.tag()).isEqualTo(m.tag());
      assertThat(f.effect()).isEqualTo(Finding.Effect.WARN);
      assertThat(f.reason()).contains(m.reasonParts());
    });
    assertThat(d.debits()).contains(new Debit(VelocityLimit.Scope.WALLET, WALLET, d.debits().getFirst().amountSat()));
  }

  @Test
  void everyTagHasItsMutation() throws IllegalAccessException {
    Set<PolicyTag> all = new HashSet<>();
    for (Field f : PolicyTag.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == PolicyTag.class) {
        all.add((PolicyTag) f.get(null));
      }
    }
    for (VelocityLimit.Scope scope : VelocityLimit.Scope.values()) {
      all.add(PolicyTag.velocity(scope, true));
      all.add(PolicyTag.velocity(scope, false));
    }
    assertThat(all).hasSize(22);
    assertThat(mutations().map(Mutation::tag).collect(Collectors.toSet())).isEqualTo(all);
    assertThat(mutations().count()).isEqualTo(all.size());
  }

  /**
   * Why two mutations need a baseline variant: with the full baseline an input without its spent
   * output is also of unknown script type, and an OP_RETURN output is also off the allowlist and
   * of an unlisted type. Every violated rule reports; none hides another.
   */
  @Test
  void overlappingRulesAllReport() {
    Scenario unknownInput = new Scenario();
    unknownInput.spend.spentOutputKnown = false;
    assertThat(enforced(unknownInput.decide())).containsExactly(PolicyTag.FEE_UNKNOWN, PolicyTag.INPUT_SCRIPT_TYPE);

    Scenario opReturn = new Scenario();
    opReturn.spend.extraOutput = Optional.of(PolicyBaseline.OP_RETURN);
    assertThat(enforced(opReturn.decide()))
        .containsExactly(PolicyTag.DESTINATION_NOT_ALLOWED, PolicyTag.OUTPUT_SCRIPT_TYPE, PolicyTag.OUTPUT_UNKNOWN_SCRIPT);
  }
}
