package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.testkit.TestWallets;
import dev.custos.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production store, selected by configuration only: with CUSTOS_STORE_URL pointing at a real
 * PostgreSQL (zonky embedded binaries), init, policy apply, sign, check and audit verify work end to end
 * and nothing is written to a SQLite file.
 */
class PostgresStoreCliTest {
  @TempDir
  Path tmp;

  @Test
  void theWholeFlowRunsOnPostgresqlSelectedByUrl() throws Exception {
    CliRunner cli = new CliRunner();
    cli.env.put("PW", "pass-for-postgres-test");
    cli.env.put("CUSTOS_STORE_URL", TestPostgres.newDatabaseUrl());
    Path mnemonic = tmp.resolve("m.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON);
    Path dir = tmp.resolve("pg");
    CliRunner.Result init = cli.run("init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-env", "PW",
        "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test");
    assertThat(init.exitCode()).as(init.stderr()).isZero();
    Path policy = tmp.resolve("p.yaml");
    Files.writeString(policy, CliEndToEndTest.POLICY);
    CliRunner.Result apply = cli.run("policy", "apply", "--data-dir", dir.toString(), "--file", policy.toString());
    assertThat(apply.exitCode()).as(apply.stderr()).isZero();
    CliRunner.Result show = cli.run("policy", "show", "--data-dir", dir.toString());
    assertThat(show.stdout()).contains("# policy version 1");
    var wpkh = dev.custos.core.keys.Account.derive(TestWallets.master(TestWallets.ABANDON),
        dev.custos.core.keys.AccountType.BIP84, dev.custos.core.keys.Network.REGTEST, 0);
    var prev = TestWallets.funding(new java.util.Random(1), java.util.List.of(TestWallets.out(2_000_000, wpkh.scriptPubKey(0, 0))));
    var in = new dev.custos.core.testkit.InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0))
        .derivation(wpkh.publicKey(0, 0), new dev.custos.core.psbt.KeyOrigin(wpkh.masterFingerprint(),
            wpkh.accountPath().child(0).child(0))).build();
    var psbt = dev.custos.core.testkit.PsbtFactory.v0(java.util.List.of(prev), java.util.List.of(0), java.util.List.of(in),
        java.util.List.of(TestWallets.out(1_990_000, new fr.acinq.bitcoin.ByteVector("0014" + "77".repeat(20)))),
        java.util.List.of(dev.custos.core.testkit.PsbtFactory.plainOutput()));
    Path unsigned = tmp.resolve("u.psbt");
    Files.writeString(unsigned, dev.custos.core.psbt.PsbtCodec.toBase64(psbt));
    CliRunner.Result sign = cli.run("psbt", "sign", "--data-dir", dir.toString(), "--passphrase-env", "PW",
        "--in", unsigned.toString(), "--out", tmp.resolve("s.psbt").toString());
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    CliRunner.Result again = cli.run("psbt", "check", "--data-dir", dir.toString(), "--in", unsigned.toString());
    assertThat(again.stdout()).contains("already allowed earlier");
    CliRunner.Result verify = cli.run("audit", "verify", "--data-dir", dir.toString());
    assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    assertThat(verify.stdout()).contains("audit log intact: 6 records");
    assertThat(dir.resolve("custos.db")).doesNotExist();
  }
}
