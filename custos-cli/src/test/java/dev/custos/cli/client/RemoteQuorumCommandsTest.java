package dev.custos.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.cli.CliContext;
import dev.custos.cli.ExitCode;
import dev.custos.cli.Main;
import dev.custos.cli.serve.HostPort;
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
import fr.acinq.secp256k1.Secp256k1;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custos remote admin ...} and {@code custos remote approvals ...} against a real server
 * ({@link Serving#start}) over a data directory made by {@code custos init --admin-key ... --admin-threshold 2}:
 * the first policy is proposed, approved and applied remotely; a large spend is approved remotely
 * and then signed. Approvers sign with libsecp256k1 directly (BIP340 over a tagged hash computed
 * with the JDK) or through {@code --key}; the operator's {@code admin.macaroon} initiates and is
 * refused as an approver; a second macaroon baked over the API hands approvals in.
 */
class RemoteQuorumCommandsTest {
  private static final String PASS = "remote-quorum-pass";
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
  private static final Secp256k1 SECP = Secp256k1.Companion.get();

  @TempDir
  static Path tmp;

  private static Path dir;
  private static Serving serving;
  private static String rpcServer;
  private static final List<byte[]> secrets = new ArrayList<>();
  private static final List<String> keys = new ArrayList<>();
  private static Path keyFile0;
  private static Path courier;
  private final Random random = new Random(13);

  record Result(int exitCode, String stdout, String stderr) {}

  @BeforeAll
  static void startServer() throws Exception {
    for (int i = 1; i <= 3; i++) {
      byte[] sk = new byte[32];
      sk[0] = 0x22;
      sk[31] = (byte) (0x50 + i);
      secrets.add(sk);
      keys.add(HexFormat.of().formatHex(SECP.pubKeyCompress(SECP.pubkeyCreate(sk))));
    }
    keyFile0 = tmp.resolve("admin0.key");
    Files.write(keyFile0, secrets.get(0));
    Files.setPosixFilePermissions(keyFile0, PosixFilePermissions.fromString("rw-------"));
    Path mnemonic = tmp.resolve("m.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON);
    dir = tmp.resolve("node");
    Result init = cli("init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-env", "PW",
        "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test",
        "--admin-key", keys.get(0), "--admin-key", keys.get(1), "--admin-key", keys.get(2), "--admin-threshold", "2");
    assertThat(init.exitCode()).as(init.stderr()).isZero();
    try (SecretBytes pass = SecretBytes.copyOf(PASS.getBytes(StandardCharsets.UTF_8))) {
      serving = Serving.start(context(new ByteArrayOutputStream(), new ByteArrayOutputStream()), dir, pass,
          new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), List.of());
    }
    rpcServer = "127.0.0.1:" + serving.server().port();
    courier = tmp.resolve("courier.macaroon");
    // Under an admin set an approval-capable macaroon for another person is baked on the node, not over the API.
    Result refused = remote("macaroon", "bake", "--preset", "admin", "--label", "courier", "--out", courier.toString());
    assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(refused.stderr()).contains("an admin set exists");
    Result baked = cli("macaroon", "bake", "--data-dir", dir.toString(), "--passphrase-env", "PW", "--preset", "admin", "--label", "courier",
        "--out", courier.toString());
    assertThat(baked.exitCode()).as(baked.stderr()).isZero();

    // The first policy: proposed and approved remotely.
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    Result proposed = remote("admin", "propose", "policy", "--file", policy.toString());
    assertThat(proposed.exitCode()).as(proposed.stderr()).isZero();
    assertThat(proposed.stdout()).startsWith("proposed policy-apply: apply policy sha256 ").contains("state:     PENDING 0/2");
    String id = id(proposed.stdout());
    String text = remote("admin", "show", id.substring(0, 8), "--text", "approve").stdout();
    assertThat(text).startsWith("custos/v1 approve policy-apply regtest request=" + id).doesNotContain("\n");

    Result self = remote("admin", "approve", id, "--key", keyFile0.toString());
    assertThat(self.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(self.stderr()).startsWith("custos: approval refused: approval-self-approval: ");

    Result first = remoteAs(courier, "admin", "approve", id, "--key", keyFile0.toString());
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).isEqualTo("counted approve by " + keys.get(0) + " for " + id + "\nstate: PENDING 1/2\n");
    Result second = remoteAs(courier, "admin", "approve", id, "--signature", bip340(1, text), "--format", "bip340", "--approver", keys.get(1));
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stdout()).endsWith("state: APPLIED\n");
    assertThat(remote("policy", "show").stdout()).contains("above-amount: 0.03 BTC");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (serving != null) {
      serving.close();
    }
  }

  @Test
  void remoteListAndShowPrintWhatTheLocalCommandsPrint() {
    Result remoteList = remote("admin", "list");
    Result localList = cli("admin", "list", "--data-dir", dir.toString());
    assertThat(remoteList.exitCode()).as(remoteList.stderr()).isZero();
    assertThat(remoteList.stdout()).isNotEmpty().isEqualTo(localList.stdout()).contains("policy-apply  APPLIED");
    String id = remoteList.stdout().substring(0, 64);
    Result remoteShow = remote("admin", "show", id);
    assertThat(remoteShow.stdout()).isEqualTo(cli("admin", "show", id, "--data-dir", dir.toString()).stdout())
        .contains("counted:   approve by " + keys.get(0) + " (bip340)", "sign this text to reject:");
    Result unknown = remote("admin", "show", "00000000");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(unknown.stderr()).startsWith("custos: no administrative proposal with id 00000000");
  }

  @Test
  void aLargeSpendIsApprovedRemotelyAndThenSigned() throws Exception {
    Spend spend = spend(4_000_000);
    Path out = tmp.resolve("signed.psbt");
    Result pending = remote("psbt", "sign", "--in", spend.file().toString(), "--out", out.toString());
    assertThat(pending.exitCode()).as(pending.stderr()).isEqualTo(ExitCode.PENDING_APPROVAL);
    Matcher m = Pattern.compile("\\[request ([0-9a-f]{64})]").matcher(pending.stderr());
    assertThat(m.find()).as(pending.stderr()).isTrue();
    String id = m.group(1);
    assertThat(remote("approvals", "list").stdout()).contains(id + "  spend  PENDING 0/2");
    String text = remote("approvals", "show", id, "--text", "approve").stdout();

    Result self = remote("approvals", "approve", id, "--signature", bip340(2, text), "--format", "bip340", "--approver", keys.get(2));
    assertThat(self.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(self.stderr()).contains("approval-self-approval");
    Result readonly = remoteAs(dir.resolve("readonly.macaroon"), "approvals", "approve", id, "--key", keyFile0.toString());
    assertThat(readonly.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(readonly.stderr()).contains("permission denied");

    assertThat(remoteAs(courier, "approvals", "approve", id, "--key", keyFile0.toString()).exitCode()).isZero();
    Result wrong = remoteAs(courier, "approvals", "approve", id, "--signature", bip340(1, text.replace("approve", "reject")),
        "--format", "bip340", "--approver", keys.get(1));
    assertThat(wrong.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(wrong.stderr()).contains("approval-signature-invalid");
    Result second = remoteAs(courier, "approvals", "approve", id, "--signature", bip340(2, text), "--format", "bip340",
        "--approver", keys.get(2));
    assertThat(second.exitCode()).as(second.stderr()).isZero();

    Result signed = remote("psbt", "sign", "--in", spend.file().toString(), "--out", out.toString());
    assertThat(signed.exitCode()).as(signed.stderr()).isZero();
    Psbt psbt = PsbtCodec.decode(Files.readAllBytes(out));
    IndependentCheck.finalizeAndVerify(psbt, List.of(IndependentCheck.Template.P2WPKH), List.of(spend.prev()));
    assertThat(remote("approvals", "list").stdout()).contains(id + "  spend  APPLIED");
  }

  private static String id(String shown) {
    Matcher m = Pattern.compile("(?m)^id: +([0-9a-f]{64})$").matcher(shown);
    assertThat(m.find()).as(shown).isTrue();
    return m.group(1);
  }

  /** BIP340 over sha256_tag("CustosSignedMessage", text), computed with the JDK and signed by libsecp256k1. */
  private static String bip340(int approver, String text) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] tag = sha.digest("CustosSignedMessage".getBytes(StandardCharsets.US_ASCII));
    sha.update(tag);
    sha.update(tag);
    byte[] digest = sha.digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(SECP.signSchnorr(digest, secrets.get(approver), new byte[32]));
  }

  private static Result remote(String... args) {
    return remoteAs(dir.resolve("admin.macaroon"), args);
  }

  private static Result remoteAs(Path macaroon, String... args) {
    List<String> all = new ArrayList<>(List.of("remote"));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--rpcserver", rpcServer, "--data-dir", dir.toString(), "--macaroonpath", macaroon.toString()));
    return cli(all.toArray(String[]::new));
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
