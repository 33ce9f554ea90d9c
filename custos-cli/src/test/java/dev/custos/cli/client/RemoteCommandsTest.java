package dev.custos.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cli.CliContext;
import dev.custos.cli.ExitCode;
import dev.custos.cli.Main;
import dev.custos.cli.serve.Serving;
import dev.custos.core.keys.Account;
import dev.custos.core.keys.AccountType;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.keys.Network;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.secret.SecretBytes;
import dev.custos.core.testkit.IndependentCheck;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a real server started in-process on a free loopback port
 * ({@link Serving#start}, as {@code custos serve} does) with a policy applied by the local
 * {@code policy apply}: every command goes through {@link Main#execute} over TLS with a macaroon.
 */
class RemoteCommandsTest {
  private static final String PASS = "remote-test-pass";
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 0.05 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 1 BTC, max-count: 100}
      fees:
        max-rate: 500
      approval:
        above-amount: 0.03 BTC
      """;

  @TempDir
  static Path tmp;

  private static Path dir;
  private static Serving serving;
  private static String rpcServer;
  private final Random random = new Random(11);

  record Result(int exitCode, String stdout, String stderr) {}

  @BeforeAll
  static void startServer() throws Exception {
    Path mnemonic = tmp.resolve("m.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON);
    dir = tmp.resolve("node");
    Result init = cli("init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-env", "PW",
        "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test");
    assertThat(init.exitCode()).as(init.stderr()).isZero();
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    Result apply = cli("policy", "apply", "--data-dir", dir.toString(), "--file", policy.toString());
    assertThat(apply.exitCode()).as(apply.stderr()).isZero();
    try (SecretBytes pass = SecretBytes.copyOf(PASS.getBytes(StandardCharsets.UTF_8))) {
      serving = Serving.start(context(new ByteArrayOutputStream(), new ByteArrayOutputStream()), dir, pass, new dev.custos.cli.serve.HostPort("127.0.0.1", 0), new dev.custos.cli.serve.HostPort("127.0.0.1", 0), List.of());
    }
    rpcServer = "127.0.0.1:" + serving.server().port();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (serving != null) {
      serving.close();
    }
  }

  @Test
  void getinfoWithGlobalOptionsBeforeTheCommand() {
    Result r = cli("--rpcserver", rpcServer, "--tlscertpath", dir.resolve("tls.cert").toString(),
        "--macaroonpath", dir.resolve("readonly.macaroon").toString(), "getinfo");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("network: regtest", "master_fingerprint: 73c5da0a", "unlocked: true", "policy_version: 1");
  }

  @Test
  void getinfoFindsCertificateAndAdminMacaroonInTheDataDir() {
    Result r = cli("getinfo", "--rpcserver", rpcServer, "--data-dir", dir.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("master_fingerprint: 73c5da0a");
  }

  @Test
  void remoteSignWritesAPsbtThatAnIndependentInterpreterAccepts() throws Exception {
    Spend spend = spend(1_000_000);
    Path out = tmp.resolve("signed-" + random.nextInt() + ".psbt");
    Result r = remote("psbt", "sign", "--in", spend.file().toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stderr()).contains("signed 1 input(s)");
    Psbt signed = PsbtCodec.decode(Files.readAllBytes(out));
    Transaction tx = IndependentCheck.finalizeAndVerify(signed, List.of(IndependentCheck.Template.P2WPKH), List.of(spend.prev()));
    assertThat(tx.txOut).hasSize(1);
  }

  @Test
  void remoteCheckPrintsTheDecisionAndSignsNothing() throws Exception {
    Result r = remote("psbt", "check", "--in", spend(6_000_000).file().toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("decision: DENY", "policy-amount-max-per-tx");
  }

  @Test
  void aDeniedRemoteSignIsExit3WithTheTagsAndWritesNothing() throws Exception {
    Path out = tmp.resolve("denied.psbt");
    Result r = remote("psbt", "sign", "--in", spend(6_000_000).file().toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.stderr()).startsWith("custos: denied by policy: policy-amount-max-per-tx").contains("[tags: policy-amount-max-per-tx]");
    assertThat(r.stderr().strip().lines()).hasSize(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void aPendingRemoteSignIsExit4WithTheRequestId() throws Exception {
    Path out = tmp.resolve("pending.psbt");
    Result r = remote("psbt", "sign", "--in", spend(4_000_000).file().toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCode.PENDING_APPROVAL);
    assertThat(r.stderr()).contains("pending approval", "[request 73c5da0a:");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMacaroonFromAnotherServerIsExit2() throws Exception {
    byte[] admin = Files.readAllBytes(dir.resolve("admin.macaroon"));
    admin[admin.length - 1] ^= 1;
    Path forged = tmp.resolve("forged.macaroon");
    Files.write(forged, admin);
    Result r = cli("--rpcserver", rpcServer, "--macaroonpath", forged.toString(), "getinfo", "--data-dir", dir.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).startsWith("custos: " + rpcServer + " rejected the macaroon: ");
    assertThat(r.stderr().strip().lines()).hasSize(1);
  }

  @Test
  void aThirdPartyCaveatNeedsTheBoundDischargeGivenWithDischargepath() throws Exception {
    Path key = tmp.resolve("approver.key");
    Result made = cli("macaroon", "caveat-key", "--out", key.toString());
    assertThat(made.exitCode()).as(made.stderr()).isZero();
    assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    assertThat(Files.size(key)).isEqualTo(32);
    assertThat(made.stdout() + made.stderr()).doesNotContain(java.util.HexFormat.of().formatHex(Files.readAllBytes(key)));

    Path guarded = tmp.resolve("guarded.macaroon");
    Result constrained = cli("macaroon", "constrain", "--in", dir.resolve("admin.macaroon").toString(), "--out", guarded.toString(),
        "--third-party", "https://approver.example", "--caveat-key-file", key.toString(), "--caveat-id", "ticket-7",
        "--max-amount", "20000 sat");
    assertThat(constrained.exitCode()).as(constrained.stderr()).isZero();
    Result without = cli("--rpcserver", rpcServer, "--macaroonpath", guarded.toString(), "getinfo", "--data-dir", dir.toString());
    assertThat(without.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(without.stderr()).contains("cannot find discharge macaroon for a third-party caveat");

    Path discharge = tmp.resolve("ticket-7.discharge");
    Result discharged = cli("macaroon", "discharge", "--caveat-key-file", key.toString(), "--caveat-id", "ticket-7",
        "--bind-to", guarded.toString(), "--timeout", "600", "--out", discharge.toString());
    assertThat(discharged.exitCode()).as(discharged.stderr()).isZero();
    Result with = cli("--rpcserver", rpcServer, "--macaroonpath", guarded.toString(), "--dischargepath", discharge.toString(),
        "getinfo", "--data-dir", dir.toString());
    assertThat(with.exitCode()).as(with.stderr()).isZero();
    assertThat(with.stdout()).contains("master_fingerprint: 73c5da0a");

    // The root's custos-max-amount caveat holds for this holder: 1,000,000 sat is refused with its tag.
    Path out = tmp.resolve("guarded.psbt");
    Result sign = cli("--rpcserver", rpcServer, "--macaroonpath", guarded.toString(), "--dischargepath", discharge.toString(),
        "remote", "psbt", "sign", "--data-dir", dir.toString(), "--in", spend(1_000_000).file().toString(), "--out", out.toString());
    assertThat(sign.exitCode()).as(sign.stderr()).isEqualTo(ExitCode.REFUSED);
    assertThat(sign.stderr()).contains("[tags: policy-macaroon-max-amount]");
    assertThat(out).doesNotExist();

    Result wrongId = cli("macaroon", "discharge", "--caveat-key-file", key.toString(), "--caveat-id", "ticket-8",
        "--bind-to", guarded.toString(), "--out", tmp.resolve("x.discharge").toString());
    assertThat(wrongId.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(wrongId.stderr()).contains(guarded + " has no third-party caveat with id 'ticket-8'");
    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Result exposed = cli("macaroon", "discharge", "--caveat-key-file", key.toString(), "--caveat-id", "ticket-7",
        "--bind-to", guarded.toString(), "--out", tmp.resolve("y.discharge").toString());
    assertThat(exposed.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(exposed.stderr()).contains("is accessible to group or others; chmod 600");
    Result again = cli("macaroon", "caveat-key", "--out", key.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(again.stderr()).contains("already exists");
  }

  @Test
  void theReadonlyMacaroonMayNotSign() throws Exception {
    Path out = tmp.resolve("readonly.psbt");
    Result r = cli("--rpcserver", rpcServer, "--macaroonpath", dir.resolve("readonly.macaroon").toString(),
        "remote", "psbt", "sign", "--data-dir", dir.toString(), "--in", spend(1_000_000).file().toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).contains("permission denied");
    assertThat(out).doesNotExist();
  }

  @Test
  void remotePolicyShowAndAuditVerify() {
    Result policy = remote("policy", "show");
    assertThat(policy.exitCode()).as(policy.stderr()).isZero();
    assertThat(policy.stdout()).startsWith("# policy version 1, sha256 ").contains("max-per-transaction: 0.05 BTC");
    Result audit = remote("audit", "verify");
    assertThat(audit.exitCode()).as(audit.stderr()).isZero();
    assertThat(audit.stdout()).startsWith("audit log intact: ");
  }

  @Test
  void noServerListeningIsExit1AndAMalformedAddressIsExit2() {
    Result down = cli("getinfo", "--rpcserver", "127.0.0.1:1", "--data-dir", dir.toString());
    assertThat(down.exitCode()).isEqualTo(ExitCode.INTERNAL);
    assertThat(down.stderr()).startsWith("custos: 127.0.0.1:1 unavailable: ");
    Result bad = cli("getinfo", "--rpcserver", "localhost", "--data-dir", dir.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(bad.stderr()).contains("--rpcserver must be HOST:PORT");
    Result noFiles = cli("getinfo", "--rpcserver", rpcServer);
    assertThat(noFiles.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(noFiles.stderr()).contains("--tlscertpath or --data-dir is required");
  }

  @Test
  void everyClientCommandHasHelp() {
    for (String[] cmd : List.of(new String[] {"getinfo", "--help"}, new String[] {"remote", "--help"},
        new String[] {"remote", "psbt", "sign", "--help"}, new String[] {"remote", "audit", "verify", "--help"})) {
      Result r = cli(cmd);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isZero();
      assertThat(r.stdout()).contains("Usage:", "--rpcserver");
    }
  }

  private Result remote(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "remote";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(new String[] {"--rpcserver", rpcServer, "--data-dir", dir.toString()}, 0, all, args.length + 1, 4);
    return cli(java.util.Arrays.copyOf(all, args.length + 5));
  }

  record Spend(Path file, Transaction prev) {}

  /** A single-input BIP84 spend of {@code amountSat} to a stranger, fee 10,000 sat, written base64. */
  private Spend spend(long amountSat) throws Exception {
    ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON);
    Account account = Account.derive(master, AccountType.BIP84, Network.REGTEST, 0);
    int index = random.nextInt(1000);
    PublicKey key = account.publicKey(0, index);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(amountSat + 10_000, account.scriptPubKey(0, index))));
    KeyOrigin origin = new KeyOrigin(master.fingerprint(), account.accountPath().child(0).child(index));
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0),
        List.of(new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0)).derivation(key, origin).build()),
        List.of(TestWallets.out(amountSat, new ByteVector(Script.write(Script.pay2wpkh(PublicKey.fromHex("02" + "33".repeat(32))))))),
        List.of(PsbtFactory.plainOutput()));
    Path p = tmp.resolve("spend-" + amountSat + "-" + index + ".psbt");
    Files.writeString(p, PsbtCodec.toBase64(psbt));
    return new Spend(p, prev);
  }

  private static Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(context(out, err), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static CliContext context(ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new CliContext(Map.of("PW", PASS), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Optional.empty(), Clock.systemUTC(), new SecureRandom());
  }
}
