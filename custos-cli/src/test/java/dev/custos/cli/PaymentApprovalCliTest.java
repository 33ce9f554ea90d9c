package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.testkit.NpmInvoices;
import dev.custos.core.testkit.TestWallets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custos channels approve-payment|payments} on a regtest data directory with a spending
 * policy, for invoices signed by the bolt11 npm package (interop/bolt11): approved once, listed,
 * retried without a second debit; a bad invoice or a policy refusal is a one-line error.
 */
class PaymentApprovalCliTest {
  private static final String ONE_MINUTE = NpmInvoices.invoice("expiry 60 s, min_final_cltv_expiry_delta 144");

  @TempDir
  Path tmp;

  private final CliRunner cli = new CliRunner();
  private Path dataDir;

  @BeforeEach
  void initWithPolicy() throws Exception {
    cli.now = NpmInvoices.TIMESTAMP.plusSeconds(30);
    cli.env.put("CUSTOS_PW", "correct horse battery staple");
    Path mnemonic = tmp.resolve("mnemonic.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON + "\n");
    dataDir = tmp.resolve("custos");
    CliRunner.Result r = cli.run("init", "--data-dir", dataDir.toString(), "--network", "regtest",
        "--passphrase-env", "CUSTOS_PW", "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, """
        version: 1
        limits:
          max-per-transaction: 60000 sat
          velocity:
            - {window: 24h, per: wallet, max-amount: 100000 sat}
        """);
    CliRunner.Result apply = cli.run("policy", "apply", "--data-dir", dataDir.toString(), "--file", policy.toString());
    assertThat(apply.exitCode()).as(apply.stderr()).isZero();
  }

  private CliRunner.Result approve(String invoice, String... more) {
    String[] base = {"channels", "approve-payment", "--data-dir", dataDir.toString(), "--invoice", invoice, "--max-fee-msat", "1000"};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return cli.run(args);
  }

  @Test
  void anApprovedInvoiceIsListedAndARetryIsTheSameApproval() {
    CliRunner.Result first = approve(ONE_MINUTE);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).startsWith("approved ").contains("amount=50000000msat", "max-fee=1000msat",
        "expires=2026-01-01T00:01:00Z", "budget=50001sat");
    CliRunner.Result retry = approve(ONE_MINUTE);
    assertThat(retry.exitCode()).as(retry.stderr()).isZero();
    assertThat(retry.stdout()).isEqualTo(first.stdout());

    CliRunner.Result list = cli.run("channels", "payments", "--data-dir", dataDir.toString());
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stdout()).hasLineCount(1).contains("active", "amount=50000000msat", ONE_MINUTE.toLowerCase());
    cli.now = NpmInvoices.TIMESTAMP.plusSeconds(60);
    assertThat(cli.run("channels", "payments", "--data-dir", dataDir.toString()).stdout()).contains("expired");
  }

  @Test
  void aSecondPaymentOverTheWalletBudgetIsRefusedWithItsTag() {
    assertThat(approve(ONE_MINUTE).exitCode()).isZero();
    CliRunner.Result r = approve(NpmInvoices.invoice("network bcrt, no amount"), "--amount-msat", "50000000");
    assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.stderr()).contains("policy-commitment-payment-velocity").hasLineCount(1);
    assertThat(cli.run("channels", "payments", "--data-dir", dataDir.toString()).stdout()).hasLineCount(1);
  }

  @Test
  void badInvoicesAreOneLineErrorsNamingTheField() {
    CliRunner.Result corrupt = approve(ONE_MINUTE.substring(0, ONE_MINUTE.length() - 1) + "q");
    assertThat(corrupt.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(corrupt.stderr()).contains("invoice checksum").hasLineCount(1);
    CliRunner.Result testnet = approve(NpmInvoices.invoice("network tb, no amount"), "--amount-msat", "1000");
    assertThat(testnet.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(testnet.stderr()).contains("the invoice is for testnet, this node is on regtest");
    CliRunner.Result amountless = approve(NpmInvoices.invoice("network bcrt, no amount"));
    assertThat(amountless.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(amountless.stderr()).contains("the invoice has no amount");
    assertThat(cli.run("channels", "payments", "--data-dir", dataDir.toString()).stdout()).isEmpty();
  }
}
