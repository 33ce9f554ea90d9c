package dev.custos.service.policyfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.policy.Destination;
import dev.custos.core.policy.Policy;
import dev.custos.core.policy.PolicyTag;
import dev.custos.core.policy.TimeWindow;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.core.sign.ScriptType;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A policy using every key reads into exactly the core Policy written out by hand. */
class PolicyFileTest {
  private static final String FULL = """
      # every key of schema v1
      version: 1
      unlimited: false
      limits:
        max-per-transaction: 0.5 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 2 BTC, max-count: 100}
          - {window: 90m, per: credential, max-amount: 50_000 sat}
          - {window: 7d, per: destination, max-count: 3}
      destinations:
        address-books:
          partners:
            - bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu
            - {descriptor: "wpkh([3f635a63/84'/0'/0']xpub6CYYYw6h668PkCSXxH9yxBG32zCMEb6N9DuVY8Ax8U7RSV86qKrrhjJfS6nL5jSoikLpd1Qw9qgHv5vyRi7V4nfV3ymLfGpFShsYsFmQiT8/0/*)#k299ph9k", range: [0, 2]}
        allow:
          - book:partners
          - raw(6a)
          - bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu
        deny:
          - addr(1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA)
      outputs:
        allow-unknown-scripts: true
        script-types: [p2wpkh, p2tr, unknown]
      fees:
        max-absolute: 0.001 BTC
        max-rate: 150.5
        max-percent: 3
      time-windows:
        - days: mon-fri
          hours: '08:00-18:00'
        - days: [sat, sun]
          hours: '22:00-06:00'
        - days: fri-mon
      transaction:
        sighash: [DEFAULT, ALL, ALL|ANYONECANPAY]
        allow-locktime: true
        input-script-types: [p2wpkh, p2sh-p2wpkh]
      approval:
        above-amount: 0.1 BTC
      warn-only: [policy-time-window, policy-velocity-destination-count]
      """;

  @Test
  void everyKeyReadsIntoTheExpectedPolicy() throws PolicyFileException {
    Account abandon84;
    Account abandon44;
    Account zoo84;
    try (ExtendedPrivateKey a = TestWallets.master(TestWallets.ABANDON); ExtendedPrivateKey z = TestWallets.master(TestWallets.ZOO)) {
      abandon84 = Account.derive(a, AccountType.BIP84, Network.MAINNET, 0);
      abandon44 = Account.derive(a, AccountType.BIP44, Network.MAINNET, 0);
      zoo84 = Account.derive(z, AccountType.BIP84, Network.MAINNET, 0);
    }
    Map<ByteVector, Destination> allow = new LinkedHashMap<>();
    String receive0 = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu";
    allow.put(abandon84.scriptPubKey(0, 0), new Destination(abandon84.scriptPubKey(0, 0), "book partners: address " + receive0));
    for (int i = 0; i <= 2; i++) {
      allow.put(zoo84.scriptPubKey(0, i), new Destination(zoo84.scriptPubKey(0, i),
          "book partners: descriptor wpkh([3f635a63/84'/0'/0']xpub6CYYYw6h…/0/" + i + ")"));
    }
    allow.put(new ByteVector("6a"), new Destination(new ByteVector("6a"), "script 6a"));
    Map<ByteVector, Destination> deny = Map.of(abandon44.scriptPubKey(0, 0),
        new Destination(abandon44.scriptPubKey(0, 0), "address 1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA"));

    Policy expected = new Policy(
        1,
        false,
        OptionalLong.of(50_000_000),
        List.of(
            new VelocityLimit(VelocityLimit.Scope.WALLET, Duration.ofHours(24), OptionalLong.of(200_000_000), OptionalLong.of(100)),
            new VelocityLimit(VelocityLimit.Scope.CREDENTIAL, Duration.ofMinutes(90), OptionalLong.of(50_000), OptionalLong.empty()),
            new VelocityLimit(VelocityLimit.Scope.DESTINATION, Duration.ofDays(7), OptionalLong.empty(), OptionalLong.of(3))),
        Optional.of(allow),
        deny,
        true,
        OptionalLong.of(100_000),
        OptionalDouble.of(150.5),
        OptionalDouble.of(3),
        List.of(
            new TimeWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0)),
            new TimeWindow(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(6, 0)),
            new TimeWindow(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)),
        Set.of(0x00, 0x01, 0x81),
        true,
        Optional.of(Set.of(ScriptType.P2WPKH, ScriptType.P2SH_P2WPKH)),
        Optional.of(Set.of(ScriptType.P2WPKH, ScriptType.P2TR, ScriptType.UNKNOWN)),
        OptionalLong.of(10_000_000),
        Set.of(PolicyTag.TIME_WINDOW, PolicyTag.velocity(VelocityLimit.Scope.DESTINATION, false)),
        Map.of("partners", Set.of(abandon84.scriptPubKey(0, 0), zoo84.scriptPubKey(0, 0), zoo84.scriptPubKey(0, 1),
            zoo84.scriptPubKey(0, 2))));

    PolicyFile file = PolicyFile.parse(FULL, "full.yaml", Network.MAINNET);

    assertThat(file.policy()).isEqualTo(expected);
    assertThat(List.copyOf(file.policy().allowlist().orElseThrow().keySet())).isEqualTo(List.copyOf(allow.keySet()));
    assertThat(file.text()).isSameAs(FULL);
  }

  @Test
  void defaultsOfAMinimalUnlimitedPolicy() throws PolicyFileException {
    PolicyFile file = PolicyFile.parse("version: 1\nunlimited: true\n", "min.yaml", Network.MAINNET);
    Policy p = file.policy();
    assertThat(p.unlimited()).isTrue();
    assertThat(p.allowlist()).isEmpty();
    assertThat(p.denylist()).isEmpty();
    assertThat(p.allowUnknownOutputScripts()).isFalse();
    assertThat(p.allowedSighashTypes()).containsExactlyInAnyOrder(0x00, 0x01);
    assertThat(p.allowLocktime()).isFalse();
    assertThat(p.inputScriptTypes()).isEmpty();
    assertThat(p.outputScriptTypes()).isEmpty();
    assertThat(p.timeWindows()).isEmpty();
    assertThat(p.warnOnly()).isEmpty();
    // sha256sum of the same bytes, computed outside Java
    assertThat(file.sha256Hex()).isEqualTo("9c7d90286529610392ddf962f48f49128826e0fef551309e8968e4b2ebc85fdf");
    assertThat(file.toString()).isEqualTo("PolicyFile[sha256=9c7d90286529610392ddf962f48f49128826e0fef551309e8968e4b2ebc85fdf]");
  }

  @Test
  void anEmptyAllowListAllowsNothingExternal() throws PolicyFileException {
    Policy p = PolicyFile.parse("version: 1\nunlimited: true\ndestinations:\n  allow: []\n", "p.yaml", Network.MAINNET).policy();
    assertThat(p.allowlist()).contains(Map.of());
  }

  @Test
  void everyWarnableTagIsAccepted() throws PolicyFileException {
    String tags = String.join(", ", KnownTags.WARNABLE.stream().map(PolicyTag::value).sorted().toList());
    Policy p = PolicyFile.parse("version: 1\nunlimited: true\nwarn-only: [" + tags + "]\n", "p.yaml", Network.MAINNET).policy();
    assertThat(p.warnOnly()).hasSize(21).contains(PolicyTag.APPROVAL_AMOUNT, PolicyTag.OUTPUT_CHANGE_UNVERIFIED,
        PolicyTag.FEE_UNKNOWN, PolicyTag.velocity(VelocityLimit.Scope.CREDENTIAL, true));
    assertThat(p.warnOnly()).doesNotContain(PolicyTag.NONE_APPLIED);
  }
}
