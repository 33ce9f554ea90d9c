package dev.custos.service.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.keys.Network;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.LnPolicy;
import dev.custos.core.policy.Debit;
import dev.custos.core.policy.VelocityLedger;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import fr.acinq.bitcoin.ByteVector32;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lightning payment approval on SQLite: decided against the applied spending policy, debited from
 * the same wallet budget as on-chain spends, audited; refusals debit nothing.
 */
class PaymentApprovalsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 100000 sat
        velocity:
          - {window: 24h, per: wallet, max-amount: 150000 sat}
      """;

  @TempDir Path dir;
  Store store;
  PaymentApprovals approvals;

  @BeforeEach
  void open() throws Exception {
    store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"));
    approvals = new PaymentApprovals(store, text -> parse(text), "hot", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  static dev.custos.core.policy.Policy parse(String text) {
    try {
      return PolicyFile.parse(text, "test", Network.REGTEST).policy();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void applyPolicy() throws Exception {
    PolicyFile p = PolicyFile.parse(POLICY, "test.yaml", Network.REGTEST);
    store.write(tx -> {
      tx.applyPolicy(new AppliedPolicy(1, p.text(), p.sha256Hex(), NOW, "test"));
      return null;
    });
  }

  static ApprovedPayment payment(int tag, long msat) {
    return new ApprovedPayment(new ByteVector32(String.format("%02x", tag).repeat(32)), msat, 0, NOW.plusSeconds(600));
  }

  VelocityLedger.Totals spent() throws Exception {
    return store.read(tx -> tx.totals(VelocityLimit.Scope.WALLET, "hot", Duration.ofDays(1), NOW));
  }

  List<AuditRecord> audit() throws Exception {
    return store.read(tx -> tx.auditRecords(0, 100));
  }

  @Test
  void anApprovedPaymentIsDebitedOnceAndAudited() throws Exception {
    applyPolicy();
    approvals.approve(payment(1, 50_000_000));
    approvals.approve(payment(1, 50_000_000));

    assertThat(approvals.approval(payment(1, 50_000_000).paymentHash())).contains(payment(1, 50_000_000));
    assertThat(spent()).isEqualTo(new VelocityLedger.Totals(50_000, 1));
    assertThat(audit()).singleElement().satisfies(r -> {
      assertThat(r.type()).isEqualTo("channel.operation");
      assertThat(r.fields()).containsEntry("operation", "ApprovePayment").containsEntry("debitSat", "50000")
          .containsEntry("paymentHash", "01".repeat(32));
    });
  }

  @Test
  void overMaxPerTransactionOrTheWalletBudgetIsRefusedAuditedAndNotDebited() throws Exception {
    applyPolicy();
    approvals.approve(payment(1, 50_000_000));
    assertThatThrownBy(() -> approvals.approve(payment(2, 100_001_000))).isInstanceOfSatisfying(ChannelRefusedException.class,
        e -> assertThat(e.rule()).isEqualTo(LnPolicy.COMMITMENT_PAYMENT_VELOCITY));
    approvals.approve(payment(3, 100_000_000));
    assertThatThrownBy(() -> approvals.approve(payment(4, 1))).isInstanceOfSatisfying(ChannelRefusedException.class,
        e -> assertThat(e.getMessage()).contains("150000 sat + 1 sat > max 150000 sat"));

    assertThat(spent()).isEqualTo(new VelocityLedger.Totals(150_000, 2));
    assertThat(approvals.approval(payment(4, 1).paymentHash())).isEmpty();
    assertThat(audit()).filteredOn(r -> r.type().equals("channel.refusal")).hasSize(2)
        .allSatisfy(r -> assertThat(r.fields()).containsEntry("tag", "policy-commitment-payment-velocity"));
  }

  @Test
  void onChainSpendingAndLightningPaymentsShareOneWalletBudget() throws Exception {
    applyPolicy();
    // What SigningWorkflow debits when it allows an on-chain spend of 120,000 sat from wallet "hot".
    store.write(tx -> {
      tx.debit(List.of(new Debit(VelocityLimit.Scope.WALLET, "hot", 120_000)), NOW, "onchain-txid");
      return null;
    });
    assertThatThrownBy(() -> approvals.approve(payment(1, 30_001_000))).isInstanceOf(ChannelRefusedException.class);
    approvals.approve(payment(2, 30_000_000));
    assertThat(spent()).isEqualTo(new VelocityLedger.Totals(150_000, 2));
  }

  @Test
  void withoutAnAppliedPolicyEveryPaymentIsRefused() throws Exception {
    assertThatThrownBy(() -> approvals.approve(payment(1, 1_000))).isInstanceOfSatisfying(ChannelRefusedException.class,
        e -> assertThat(e.getMessage()).contains("no spending policy is applied"));
    assertThat(spent()).isEqualTo(VelocityLedger.Totals.ZERO);
  }

  @Test
  void anExpiredInvoiceIsRefused() throws Exception {
    applyPolicy();
    ApprovedPayment expired = new ApprovedPayment(new ByteVector32("05".repeat(32)), 1_000, 0, NOW);
    assertThatThrownBy(() -> approvals.approve(expired)).isInstanceOfSatisfying(ChannelRefusedException.class,
        e -> assertThat(e.rule()).isEqualTo(LnPolicy.INVOICE_NOT_EXPIRED));
  }
}
