package dev.custos.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.KeyPath;
import dev.custos.core.keys.Network;
import dev.custos.core.macaroon.MacaroonConstraints;
import fr.acinq.bitcoin.ByteVector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The macaroon caveat rules against the {@link PolicyBaseline} spend (0.6 BTC to the stranger's
 * address {@code 0/7}, change back to {@code m/84'/1'/0'/1/3}, the input at {@code
 * m/84'/1'/0'/0/0}): a passing baseline, then one mutation per rule asserting the exact tag.
 */
class CredentialLimitsTest {
  private static final long PAY = PolicyBaseline.PAY_SAT;
  private static final KeyPath ACCOUNT = PolicyBaseline.WPKH.accountPath();

  private static MacaroonConstraints constraints(OptionalLong max, List<Set<String>> destinations, Optional<KeyPath> account) {
    return new MacaroonConstraints(max, destinations, account);
  }

  private static List<Finding> findings(MacaroonConstraints c, Optional<Policy> policy) {
    return CredentialLimits.findings(c, PolicyBaseline.spend().request(PolicyBaseline.NOW), policy,
        PolicyBaseline.WALLET.masterFingerprint());
  }

  private static List<Finding> findings(MacaroonConstraints c) {
    return findings(c, Optional.of(PolicyBaseline.policy().build()));
  }

  private static Policy policyWithBook(String name, ByteVector... scripts) {
    Policy p = PolicyBaseline.policy().build();
    return new Policy(p.version(), p.unlimited(), p.maxPerTransactionSat(), p.velocity(), p.allowlist(), p.denylist(),
        p.allowUnknownOutputScripts(), p.maxFeeSat(), p.maxFeeRateSatPerVb(), p.maxFeePercent(), p.timeWindows(),
        p.allowedSighashTypes(), p.allowLocktime(), p.inputScriptTypes(), p.outputScriptTypes(), p.approvalAboveSat(),
        p.warnOnly(), Map.of(name, Set.of(scripts)));
  }

  @Test
  void baselineWithEveryConstraintAtItsLimitPasses() {
    MacaroonConstraints c = constraints(OptionalLong.of(PAY), List.of(Set.of(PolicyBaseline.payeeAddress())), Optional.of(ACCOUNT));
    assertThat(findings(c)).isEmpty();
    assertThat(findings(MacaroonConstraints.NONE)).isEmpty();
  }

  @Test
  void maxAmountDeniesOneSatoshiMore() {
    List<Finding> f = findings(constraints(OptionalLong.of(PAY - 1), List.of(), Optional.empty()));
    assertThat(f).containsExactly(new Finding(CredentialLimits.MAX_AMOUNT, Finding.Effect.DENY,
        "amount 0.6 BTC > macaroon max 0.59999999 BTC"));
    assertThat(CredentialLimits.MAX_AMOUNT.value()).isEqualTo("policy-macaroon-max-amount");
  }

  @Test
  void anExternalOutputOutsideTheDestinationSetIsDenied() {
    String other = PolicyBaseline.STRANGER.address(0, 8);
    List<Finding> f = findings(constraints(OptionalLong.empty(), List.of(Set.of(other)), Optional.empty()));
    assertThat(f).containsExactly(new Finding(CredentialLimits.DESTINATION, Finding.Effect.DENY,
        "output 0 (" + PolicyBaseline.payeeAddress() + ") is not admitted by custos-destinations caveat 1 of 1"));
    assertThat(CredentialLimits.DESTINATION.value()).isEqualTo("policy-macaroon-destination");
  }

  @Test
  void everyDestinationSetMustAdmitTheOutput() {
    String payee = PolicyBaseline.payeeAddress();
    String other = PolicyBaseline.STRANGER.address(0, 8);
    assertThat(findings(constraints(OptionalLong.empty(), List.of(Set.of(payee, other), Set.of(payee)), Optional.empty()))).isEmpty();
    assertThat(findings(constraints(OptionalLong.empty(), List.of(Set.of(payee, other), Set.of(other)), Optional.empty())))
        .extracting(Finding::reason)
        .containsExactly("output 0 (" + payee + ") is not admitted by custos-destinations caveat 2 of 2");
  }

  @Test
  void anAddressOfAnotherNetworkAdmitsNothing() {
    String mainnet = fr.acinq.bitcoin.Bitcoin.addressFromPublicKeyScript(Network.MAINNET.chainHash(),
        PolicyBaseline.PAYEE.toByteArray()).getRight();
    assertThat(findings(constraints(OptionalLong.empty(), List.of(Set.of(mainnet)), Optional.empty())))
        .extracting(Finding::tag).containsExactly(CredentialLimits.DESTINATION);
  }

  @Test
  void aBookEntryAdmitsTheScriptsOfThePolicysAddressBook() {
    MacaroonConstraints c = constraints(OptionalLong.empty(), List.of(Set.of("book:suppliers")), Optional.empty());
    assertThat(findings(c, Optional.of(policyWithBook("suppliers", PolicyBaseline.PAYEE)))).isEmpty();
    assertThat(findings(c, Optional.of(policyWithBook("suppliers", PolicyBaseline.UNLISTED))))
        .extracting(Finding::tag).containsExactly(CredentialLimits.DESTINATION);
  }

  @Test
  void aBookThePolicyDoesNotDefineAdmitsNothing() {
    MacaroonConstraints c = constraints(OptionalLong.empty(), List.of(Set.of("book:partners")), Optional.empty());
    assertThat(findings(c, Optional.of(policyWithBook("suppliers", PolicyBaseline.PAYEE))))
        .extracting(Finding::tag).containsExactly(CredentialLimits.DESTINATION);
    assertThat(findings(c, Optional.empty())).extracting(Finding::tag).containsExactly(CredentialLimits.DESTINATION);
  }

  @Test
  void changeOutputsAreNotDestinations() {
    // Only output 0 is external; the change output (ours) needs no admission.
    assertThat(findings(constraints(OptionalLong.empty(), List.of(Set.of(PolicyBaseline.payeeAddress())), Optional.empty())))
        .isEmpty();
  }

  @Test
  void anInputOutsideTheAccountIsDenied() {
    KeyPath otherAccount = KeyPath.parse("m/84'/1'/1'");
    List<Finding> f = findings(constraints(OptionalLong.empty(), List.of(), Optional.of(otherAccount)));
    assertThat(f).containsExactly(new Finding(CredentialLimits.ACCOUNT, Finding.Effect.DENY,
        "input 0 would be signed with key m/84'/1'/0'/0/0, outside the macaroon's account m/84'/1'/1'"));
    assertThat(CredentialLimits.ACCOUNT.value()).isEqualTo("policy-macaroon-account");
  }

  @Test
  void keyOriginsOfAnotherWalletAreNotOurs() {
    List<Finding> f = CredentialLimits.findings(constraints(OptionalLong.empty(), List.of(), Optional.of(KeyPath.parse("m/84'/1'/1'"))),
        PolicyBaseline.spend().request(PolicyBaseline.NOW), Optional.empty(), PolicyBaseline.WALLET.masterFingerprint() ^ 1);
    assertThat(f).isEmpty();
  }

  @Test
  void allRulesReportTogether() {
    List<Finding> f = findings(constraints(OptionalLong.of(1), List.of(Set.of("book:none")), Optional.of(KeyPath.parse("m/84'/1'/1'"))));
    assertThat(f).extracting(Finding::tag)
        .containsExactly(CredentialLimits.MAX_AMOUNT, CredentialLimits.DESTINATION, CredentialLimits.ACCOUNT);
  }

  @Test
  void narrowingOnlyEverDenies() {
    Finding deny = new Finding(CredentialLimits.MAX_AMOUNT, Finding.Effect.DENY, "amount 1 sat > macaroon max 0 sat");
    Finding warn = new Finding(PolicyTag.TIME_WINDOW, Finding.Effect.WARN, "outside");
    Debit debit = new Debit(VelocityLimit.Scope.WALLET, "w", 1);
    Decision allow = new Decision(Verdict.ALLOW, List.of(warn), List.of(debit), List.of("budget"));
    assertThat(CredentialLimits.narrow(allow, List.of())).isSameAs(allow);
    Decision narrowed = CredentialLimits.narrow(allow, List.of(deny));
    assertThat(narrowed).isEqualTo(new Decision(Verdict.DENY, List.of(warn, deny), List.of(), List.of("budget")));
    assertThat(narrowed.tags(Finding.Effect.DENY)).containsExactly(CredentialLimits.MAX_AMOUNT);

    Finding approval = new Finding(PolicyTag.APPROVAL_AMOUNT, Finding.Effect.APPROVAL, "above");
    Decision pending = new Decision(Verdict.PENDING_APPROVAL, List.of(approval), List.of(), List.of());
    assertThat(CredentialLimits.narrow(pending, List.of())).isEqualTo(pending);
    assertThat(CredentialLimits.narrow(pending, List.of(deny)).verdict()).isEqualTo(Verdict.DENY);
    Decision denied = new Decision(Verdict.DENY, List.of(new Finding(PolicyTag.TX_LOCKTIME, Finding.Effect.DENY, "x")), List.of(), List.of());
    assertThat(CredentialLimits.narrow(denied, List.of()).verdict()).isEqualTo(Verdict.DENY);
  }
}
