package dev.custos.core.policy;

import dev.custos.core.analysis.WalletView;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.sign.ScriptType;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The realistic baseline every policy test mutates once: the BIP84 regtest wallet of the
 * "abandon ... about" mnemonic sends 0.6 BTC of a 1 BTC input to an allowlisted address of a
 * stranger ("zoo ... wrong"), 0.3999 BTC back to verified change, fee 10000 sat (141 vB), at
 * {@link #NOW} (a Wednesday 10:30 UTC), under a policy that sets every rule with room to spare and
 * a ledger that already holds some spends inside and outside the windows.
 */
final class PolicyBaseline {
  static final Network NET = Network.REGTEST;
  static final Account WPKH;
  static final Account STRANGER;
  static final WalletView WALLET;
  static final String WALLET_ID;
  static final String CREDENTIAL = "api:treasury-bot";
  /** Wednesday 2025-03-12 10:30 UTC. */
  static final Instant NOW = Instant.parse("2025-03-12T10:30:00Z");

  static final long INPUT_SAT = 100_000_000;
  static final long PAY_SAT = 60_000_000;
  static final long FEE_SAT = 10_000;
  /** Virtual size of a signed 1-in (P2WPKH) 2-out (P2WPKH) transaction: 562 WU. */
  static final long VSIZE = 141;

  /** Output 0's script: allowlisted. */
  static final ByteVector PAYEE;
  /** A denylisted script. */
  static final ByteVector BLOCKED;
  /** A script on neither list. */
  static final ByteVector UNLISTED;
  /** OP_RETURN with a 32-byte commitment: a script without an address form. */
  static final ByteVector OP_RETURN = new ByteVector("6a20" + "ab".repeat(32));

  static {
    try (ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON);
        ExtendedPrivateKey stranger = TestWallets.master(TestWallets.ZOO)) {
      WPKH = Account.derive(master, AccountType.BIP84, NET, 0);
      STRANGER = Account.derive(stranger, AccountType.BIP84, NET, 0);
      WALLET = new WalletView(master.fingerprint(), List.of(WPKH));
      WALLET_ID = HexFormat.of().toHexDigits(master.fingerprint());
    }
    PAYEE = STRANGER.scriptPubKey(0, 7);
    BLOCKED = STRANGER.scriptPubKey(0, 99);
    UNLISTED = STRANGER.scriptPubKey(0, 8);
  }

  private PolicyBaseline() {}

  static String payeeAddress() {
    return STRANGER.address(0, 7);
  }

  static String payeeHex() {
    return PAYEE.toHex();
  }

  static VelocityLimit walletLimit() {
    return new VelocityLimit(VelocityLimit.Scope.WALLET, Duration.ofHours(24), OptionalLong.of(200_000_000), OptionalLong.of(10));
  }

  static VelocityLimit credentialLimit() {
    return new VelocityLimit(VelocityLimit.Scope.CREDENTIAL, Duration.ofHours(24), OptionalLong.of(150_000_000), OptionalLong.of(5));
  }

  static VelocityLimit destinationLimit() {
    return new VelocityLimit(VelocityLimit.Scope.DESTINATION, Duration.ofDays(7), OptionalLong.of(100_000_000), OptionalLong.of(3));
  }

  /** Business hours, Monday to Friday 08:00–18:00 UTC. */
  static TimeWindow businessHours() {
    return new TimeWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0));
  }

  /** Every rule set, none violated by {@link #spend()} at {@link #NOW} with {@link #ledger()}. */
  static PolicyDraft policy() {
    PolicyDraft p = new PolicyDraft();
    p.maxPerTransactionSat = OptionalLong.of(100_000_000);
    p.velocity(walletLimit()).velocity(credentialLimit()).velocity(destinationLimit());
    p.allow(new Destination(PAYEE, "book suppliers: acme"));
    p.denylist.put(BLOCKED, new Destination(BLOCKED, "book blocked: mixer"));
    p.maxFeeSat = OptionalLong.of(20_000);
    p.maxFeeRateSatPerVb = OptionalDouble.of(100);
    p.maxFeePercent = OptionalDouble.of(0.5);
    p.timeWindows.add(businessHours());
    p.allowedSighashTypes = Set.of(0, 1);
    p.allowLocktime = false;
    p.inputScriptTypes = Optional.of(Set.of(ScriptType.P2WPKH, ScriptType.P2TR));
    p.outputScriptTypes = Optional.of(Set.of(ScriptType.P2WPKH, ScriptType.P2TR));
    p.approvalAboveSat = OptionalLong.of(80_000_000);
    return p;
  }

  static SpendDraft spend() {
    return new SpendDraft();
  }

  /**
   * Earlier spends: in the 24h windows the wallet and the credential have spent 0.5 BTC in one
   * transaction (plus 5 BTC three days ago, outside them); the payee received 0.2 BTC two days ago
   * (inside its 7d window).
   */
  static RecordedLedger ledger() {
    return new RecordedLedger()
        .record(NOW.minus(Duration.ofHours(3)), VelocityLimit.Scope.WALLET, WALLET_ID, 50_000_000)
        .record(NOW.minus(Duration.ofDays(3)), VelocityLimit.Scope.WALLET, WALLET_ID, 500_000_000)
        .record(NOW.minus(Duration.ofHours(3)), VelocityLimit.Scope.CREDENTIAL, CREDENTIAL, 50_000_000)
        .record(NOW.minus(Duration.ofDays(3)), VelocityLimit.Scope.CREDENTIAL, CREDENTIAL, 500_000_000)
        .record(NOW.minus(Duration.ofDays(2)), VelocityLimit.Scope.DESTINATION, PAYEE.toHex(), 20_000_000);
  }
}
