package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.analysis.OutputAnalysis;
import dev.custos.core.analysis.PsbtAnalysis;
import org.junit.jupiter.api.Test;

/**
 * The baseline every rule test mutates: a realistic spend that passes a policy setting every rule.
 * If this test fails, every one-mutation test below it is meaningless.
 */
class PolicyBaselineTest {
  @Test
  void baselineSpendIsWhatItClaims() {
    PsbtAnalysis a = PolicyBaseline.spend().request(PolicyBaseline.NOW).analysis();
    assertThat(a.outputs()).extracting(OutputAnalysis::ownership)
        .containsExactly(OutputAnalysis.Ownership.EXTERNAL, OutputAnalysis.Ownership.CHANGE);
    assertThat(a.outputs().get(0).address()).contains(PolicyBaseline.payeeAddress());
    assertThat(a.outputs()).noneMatch(o -> o.claimsWallet() && !o.isOurs());
    assertThat(a.amountLeavingSat()).isEqualTo(60_000_000);
    assertThat(a.feeSat()).hasValue(10_000);
    assertThat(a.estimatedVsize()).isEqualTo(PolicyBaseline.VSIZE);
    assertThat(a.inputs().get(0).ours()).isTrue();
  }

  @Test
  void baselineIsAllowedWithoutFindingsAndDebitsEveryBudgetExactly() {
    Decision d = new Scenario().decide();

    assertThat(d.verdict()).isEqualTo(Verdict.ALLOW);
    assertThat(d.findings()).isEmpty();
    assertThat(d.debits()).containsExactly(
        new Debit(VelocityLimit.Scope.WALLET, PolicyBaseline.WALLET_ID, 60_000_000),
        new Debit(VelocityLimit.Scope.CREDENTIAL, PolicyBaseline.CREDENTIAL, 60_000_000),
        new Debit(VelocityLimit.Scope.DESTINATION, PolicyBaseline.payeeHex(), 60_000_000));
  }

  @Test
  void budgetsReportWhatIsLeftAfterThisSpend() {
    // wallet 24h: 0.5 spent + 0.6 = 1.1 of 2 BTC, 2 of 10 tx; credential 1.1 of 1.5 BTC, 2 of 5 tx;
    // destination 7d: 0.2 + 0.6 = 0.8 of 1 BTC, 2 of 3 tx.
    String payee = PolicyBaseline.payeeHex().substring(0, 16) + "…";
    Decision d = new Scenario().decide();
    assertThat(d.budgets()).hasSize(6);
    assertThat(d.budgets().get(0)).startsWith("wallet ").endsWith(": 0.9 BTC of 2 BTC left after this");
    assertThat(d.budgets().get(1)).startsWith("wallet ").endsWith(": 8 of 10 transactions left after this");
    assertThat(d.budgets().get(2)).startsWith("credential api:treasury-bot ").endsWith(": 0.4 BTC of 1.5 BTC left after this");
    assertThat(d.budgets().get(3)).startsWith("credential api:treasury-bot ").endsWith(": 3 of 5 transactions left after this");
    assertThat(d.budgets().get(4)).isEqualTo("destination " + payee + " 7d: 0.2 BTC of 1 BTC left after this");
    assertThat(d.budgets().get(5)).isEqualTo("destination " + payee + " 7d: 1 of 3 transactions left after this");
  }

  @Test
  void aTwentyFourHourWindowIsLabelled24h() {
    assertThat(new Scenario().decide().budgets().get(0)).isEqualTo("wallet 24h: 0.9 BTC of 2 BTC left after this");
  }
}
