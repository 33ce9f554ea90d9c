package dev.custos.service.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.audit.AuditRecord;
import dev.custos.core.keys.Network;
import dev.custos.core.ln.invoice.Bolt11Exception;
import dev.custos.core.ln.invoice.Bolt11Invoice;
import dev.custos.core.ln.signer.ApprovedPayment;
import dev.custos.core.ln.signer.LnPolicy;
import dev.custos.core.policy.VelocityLedger;
import dev.custos.core.policy.VelocityLimit;
import dev.custos.core.testkit.NpmInvoices;
import dev.custos.service.policyfile.PolicyFile;
import dev.custos.store.AppliedPolicy;
import dev.custos.store.ReadTx;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import dev.custos.store.StoredPaymentApproval;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approving BOLT 11 invoices (signed by the bolt11 npm package, see interop/bolt11) on SQLite:
 * decoded, verified, checked against the node's network and the invoice's expiry, debited once from
 * the wallet budget with the approval row and the audit record, and still approved after a
 * restart.
 */
class InvoiceApprovalsTest {
  private static final Instant NOW = NpmInvoices.TIMESTAMP.plusSeconds(30);
  private static final String ONE_MINUTE = NpmInvoices.invoice("expiry 60 s, min_final_cltv_expiry_delta 144");
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 100000 sat
        velocity:
          - {window: 24h, per: wallet, max-amount: 150000 sat}
      """;

  @TempDir Path dir;
  Store store;

  @BeforeEach
  void open() throws Exception {
    store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"));
    PolicyFile p = PolicyFile.parse(POLICY, "test.yaml", Network.REGTEST);
    store.write(tx -> {
      tx.applyPolicy(new AppliedPolicy(1, p.text(), p.sha256Hex(), NOW, "test"));
      return null;
    });
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  PaymentApprovals approvals(Instant now) {
    return new PaymentApprovals(store, PaymentApprovalsTest::parse, "hot", Network.REGTEST, Clock.fixed(now, ZoneOffset.UTC));
  }

  VelocityLedger.Totals spent() throws Exception {
    return store.read(tx -> tx.totals(VelocityLimit.Scope.WALLET, "hot", Duration.ofDays(1), NOW));
  }

  List<AuditRecord> audit() throws Exception {
    return store.read(tx -> tx.auditRecords(0, 100));
  }

  @Test
  void anInvoiceIsApprovedWithItsHashAmountAndExpiryDebitedStoredAndAudited() throws Exception {
    Bolt11Invoice invoice = Bolt11Invoice.decode(ONE_MINUTE);
    ApprovedPayment p = approvals(NOW).approveInvoice(ONE_MINUTE, 1_000, OptionalLong.empty());

    assertThat(p).isEqualTo(new ApprovedPayment(invoice.paymentHash(), 50_000_000, 1_000, NpmInvoices.TIMESTAMP.plusSeconds(60)));
    assertThat(spent()).isEqualTo(new VelocityLedger.Totals(50_001, 1));
    assertThat(store.read(ReadTx::paymentApprovals)).containsExactly(new StoredPaymentApproval(invoice.paymentHash().toByteArray(),
        50_000_000, 1_000, NpmInvoices.TIMESTAMP.plusSeconds(60), Optional.of(ONE_MINUTE), NOW));
    assertThat(audit()).singleElement().satisfies(r -> assertThat(r.fields()).containsEntry("operation", "ApprovePayment")
        .containsEntry("invoice", ONE_MINUTE).containsEntry("payee", invoice.payee().toHex()).containsEntry("debitSat", "50001"));
  }

  @Test
  void afterARestartTheApprovalHoldsAndARetryDebitsNothing() throws Exception {
    ApprovedPayment first = approvals(NOW).approveInvoice(ONE_MINUTE, 1_000, OptionalLong.empty());
    store.close();
    store = StoreFactory.open("jdbc:sqlite:" + dir.resolve("custos.db"));

    PaymentApprovals restarted = approvals(NOW.plusSeconds(5));
    assertThat(restarted.approval(first.paymentHash())).contains(first);
    assertThat(restarted.approveInvoice(ONE_MINUTE, 1_000, OptionalLong.empty())).isEqualTo(first);
    assertThat(restarted.approve(first)).isEqualTo(first);
    assertThat(spent()).isEqualTo(new VelocityLedger.Totals(50_001, 1));
    assertThat(audit()).hasSize(1);
  }

  @Test
  void theSameHashWithOtherTermsIsRefusedAndDebitsNothing() throws Exception {
    approvals(NOW).approveInvoice(ONE_MINUTE, 1_000, OptionalLong.empty());
    assertThatThrownBy(() -> approvals(NOW).approveInvoice(ONE_MINUTE, 2_000, OptionalLong.empty()))
        .isInstanceOfSatisfying(ChannelRefusedException.class, e -> assertThat(e.rule()).isEqualTo(LnPolicy.COMMITMENT_PAYMENT_INVOICED));
    assertThat(spent()).isEqualTo(new VelocityLedger.Totals(50_001, 1));
  }

  @Test
  void anExpiredInvoiceIsRefusedAuditedAndNotStored() throws Exception {
    assertThatThrownBy(() -> approvals(NpmInvoices.TIMESTAMP.plusSeconds(60)).approveInvoice(ONE_MINUTE, 0, OptionalLong.empty()))
        .isInstanceOfSatisfying(ChannelRefusedException.class, e -> assertThat(e.rule()).isEqualTo(LnPolicy.INVOICE_NOT_EXPIRED));
    assertThat(store.read(ReadTx::paymentApprovals)).isEmpty();
    assertThat(spent()).isEqualTo(VelocityLedger.Totals.ZERO);
    assertThat(audit()).singleElement().satisfies(r -> assertThat(r.fields()).containsEntry("tag", "policy-invoice-not-expired"));
  }

  @Test
  void anInvoiceOfAnotherNetworkOrWithABadSignatureChangesNothing() throws Exception {
    assertThatThrownBy(() -> approvals(NOW).approveInvoice(NpmInvoices.invoice("network tb, no amount"), 0, OptionalLong.of(1_000)))
        .isInstanceOfSatisfying(Bolt11Exception.class, e -> {
          assertThat(e.field()).isEqualTo("prefix");
          assertThat(e.getMessage()).contains("the invoice is for testnet, this node is on regtest");
        });
    assertThatThrownBy(() -> approvals(NOW).approveInvoice(NpmInvoices.invoice("n names another key than the signer"), 0,
        OptionalLong.empty())).isInstanceOfSatisfying(Bolt11Exception.class, e -> assertThat(e.field()).isEqualTo("signature"));
    assertThat(audit()).isEmpty();
    assertThat(spent()).isEqualTo(VelocityLedger.Totals.ZERO);
  }

  @Test
  void anAmountlessInvoiceNeedsTheAmountAndAnAmountMustNotBeContradicted() throws Exception {
    String any = NpmInvoices.invoice("network bcrt, no amount");
    assertThatThrownBy(() -> approvals(NOW).approveInvoice(any, 0, OptionalLong.empty()))
        .isInstanceOfSatisfying(Bolt11Exception.class, e -> assertThat(e.getMessage()).contains("the invoice has no amount"));
    assertThatThrownBy(() -> approvals(NOW).approveInvoice(ONE_MINUTE, 0, OptionalLong.of(49_999_999)))
        .isInstanceOfSatisfying(Bolt11Exception.class, e -> assertThat(e.getMessage()).contains("asks for 50000000 msat, not 49999999 msat"));
    assertThat(approvals(NOW).approveInvoice(any, 500, OptionalLong.of(2_000_000)).amountMsat()).isEqualTo(2_000_000);
    assertThat(spent()).isEqualTo(new VelocityLedger.Totals(2_001, 1));
  }

  @Test
  void withoutANetworkNoInvoiceIsApproved() {
    PaymentApprovals none = new PaymentApprovals(store, PaymentApprovalsTest::parse, "hot", Clock.fixed(NOW, ZoneOffset.UTC));
    assertThatThrownBy(() -> none.approveInvoice(ONE_MINUTE, 0, OptionalLong.empty()))
        .isInstanceOfSatisfying(Bolt11Exception.class, e -> assertThat(e.getMessage()).contains("without a network"));
  }
}
