package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.DeterministicWallet;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 §5 end to end through the CLI, each command a fresh process-like run that reopens the
 * store (so every approval is read back after a "restart"): M-1 approvals, a duplicate approver,
 * an approval over another request's text, the replay of an applied proposal, an expired proposal,
 * self-approval by the initiating credential, a cancelled cool-down, a vetoed spend delay, and a
 * spend signed after its quorum. The approvers sign with libsecp256k1 directly over a tagged
 * hash computed here with the JDK (BIP340 {@code sha256_tag("CustosSignedMessage", text)}), never
 * with Custos code; Custos is only the verifier.
 */
class QuorumCliTest {
  private static final String ADMIN_PRINCIPAL = "ops:proposer";
  private static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 0.05 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.5 BTC, max-count: 20}
      fees:
        max-rate: 500
      approval:
        above-amount: 0.03 BTC
      """;

  @TempDir
  Path tmp;

  private final CliRunner cli = new CliRunner();
  private final ObjectMapper json = new ObjectMapper();
  private final Random random = new Random(11);
  private final List<byte[]> secrets = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private Path dataDir;

  private void init(String... conf) throws Exception {
    for (int i = 1; i <= 3; i++) {
      byte[] sk = new byte[32];
      sk[31] = (byte) (0x40 + i);
      sk[0] = 0x11;
      secrets.add(sk);
      keys.add(HexFormat.of().formatHex(Secp256k1.Companion.get().pubKeyCompress(Secp256k1.Companion.get().pubkeyCreate(sk))));
    }
    cli.env.put("CUSTOS_PW", "correct horse battery staple");
    cli.env.put("CUSTOS_PRINCIPAL", ADMIN_PRINCIPAL);
    Path mnemonic = tmp.resolve("mnemonic.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON + "\n");
    dataDir = tmp.resolve("custos");
    CliRunner.Result r = cli.run("init", "--data-dir", dataDir.toString(), "--network", "regtest", "--passphrase-env", "CUSTOS_PW",
        "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test",
        "--admin-key", keys.get(0), "--admin-key", keys.get(1), "--admin-key", keys.get(2), "--admin-threshold", "2");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("Admin set: threshold=2 keys=" + keys.get(0));
    Files.writeString(dataDir.resolve("custos.conf"), String.join("\n", conf) + "\n");
  }

  /** BIP340 over sha256_tag("CustosSignedMessage", text), computed with the JDK and signed by libsecp256k1. */
  private String bip340(int approver, String text) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] tag = sha.digest("CustosSignedMessage".getBytes(StandardCharsets.US_ASCII));
    sha.update(tag);
    sha.update(tag);
    byte[] digest = sha.digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(Secp256k1.Companion.get().signSchnorr(digest, secrets.get(approver), new byte[32]));
  }

  private String text(String group, String id, String action) {
    CliRunner.Result r = cli.run(group, "show", id, "--data-dir", dataDir.toString(), "--text", action);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).startsWith("custos/v1 " + action + " ").doesNotContain("\n");
    return r.stdout();
  }

  private CliRunner.Result submit(String group, String action, String id, int approver, String signature, String principal,
      String... extra) {
    cli.env.put("CUSTOS_PRINCIPAL", principal);
    List<String> args = new ArrayList<>(List.of(group, action, id, "--data-dir", dataDir.toString(), "--signature", signature,
        "--format", "bip340", "--approver", keys.get(approver)));
    args.addAll(List.of(extra));
    CliRunner.Result r = cli.run(args.toArray(String[]::new));
    cli.env.put("CUSTOS_PRINCIPAL", ADMIN_PRINCIPAL);
    return r;
  }

  private CliRunner.Result approve(String group, String id, int approver) throws Exception {
    return submit(group, "approve", id, approver, bip340(approver, text(group, id, "approve")), "ops:approver" + approver);
  }

  private CliRunner.Result reject(String group, String id, int approver) throws Exception {
    return submit(group, "reject", id, approver, bip340(approver, text(group, id, "reject")), "ops:approver" + approver);
  }

  private String proposePolicy(String yaml) throws Exception {
    Path file = tmp.resolve("policy-" + yaml.hashCode() + "-" + random.nextInt() + ".yaml");
    Files.writeString(file, yaml);
    CliRunner.Result r = cli.run("policy", "apply", "--data-dir", dataDir.toString(), "--file", file.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("proposed the policy").contains("takes effect with ");
    Matcher m = Pattern.compile("proposal ([0-9a-f]{64})").matcher(r.stdout());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private boolean policyApplied() {
    CliRunner.Result r = cli.run("policy", "show", "--data-dir", dataDir.toString());
    return r.exitCode() == 0 && r.stdout().contains("max-per-transaction");
  }

  @Test
  void aPolicyTakesEffectOnlyWithTheQuorumAndEveryRefusalHasItsTag() throws Exception {
    init();
    String id = proposePolicy(POLICY);
    assertThat(cli.run("admin", "show", id, "--data-dir", dataDir.toString()).stdout()).contains("PENDING 0/2");
    assertThat(policyApplied()).isFalse();

    // Self-approval: the credential that proposed it hands in a valid signature.
    CliRunner.Result self = submit("admin", "approve", id, 0, bip340(0, text("admin", id, "approve")), ADMIN_PRINCIPAL);
    assertThat(self.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(self.stderr()).contains("approval-self-approval");

    // M-1 approvals: counted, not applied.
    CliRunner.Result first = approve("admin", id, 0);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).contains("state: PENDING 1/2");
    assertThat(policyApplied()).isFalse();

    // Duplicate approver.
    CliRunner.Result dup = approve("admin", id.substring(0, 12), 0);
    assertThat(dup.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(dup.stderr()).contains("approval-duplicate-approver");

    // M approvals: applied, atomically with its audit records.
    CliRunner.Result second = approve("admin", id, 1);
    assertThat(second.exitCode()).as(second.stderr()).isZero();
    assertThat(second.stdout()).contains("state: APPLIED");
    assertThat(policyApplied()).isTrue();

    // Replay of an applied proposal.
    CliRunner.Result replay = approve("admin", id, 2);
    assertThat(replay.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(replay.stderr()).contains("approval-replayed");

    CliRunner.Result list = cli.run("admin", "list", "--data-dir", dataDir.toString());
    assertThat(list.stdout()).contains(id + "  policy-apply  APPLIED");
    CliRunner.Result audit = cli.run("audit", "verify", "--data-dir", dataDir.toString());
    assertThat(audit.exitCode()).as(audit.stderr()).isZero();
  }

  @Test
  void anApprovalOverAnotherRequestsTextIsRefused() throws Exception {
    init();
    String a = proposePolicy(POLICY);
    String b = proposePolicy(POLICY.replace("0.05 BTC", "0.04 BTC"));
    String textA = text("admin", a, "approve");
    String sigOverA = bip340(0, textA);

    CliRunner.Result r = submit("admin", "approve", b, 0, sigOverA, "ops:approver0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.stderr()).contains("approval-signature-invalid");

    Path signed = tmp.resolve("signed.txt");
    Files.writeString(signed, textA);
    CliRunner.Result named = submit("admin", "approve", b, 0, sigOverA, "ops:approver0", "--signed-text", signed.toString());
    assertThat(named.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(named.stderr()).contains("approval-wrong-request").contains("request " + a);
    assertThat(cli.run("admin", "show", b, "--data-dir", dataDir.toString()).stdout()).contains("state:     PENDING 0/2");
  }

  @Test
  void anExpiredProposalCountsNoApproval() throws Exception {
    init("approval.expiry = 1h");
    String id = proposePolicy(POLICY);
    String sig = bip340(0, text("admin", id, "approve"));
    cli.now = cli.now.plus(Duration.ofHours(1));
    CliRunner.Result r = submit("admin", "approve", id, 0, sig, "ops:approver0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.stderr()).contains("approval-expired");
    assertThat(cli.run("admin", "list", "--data-dir", dataDir.toString()).stdout()).contains("EXPIRED");
  }

  @Test
  void aCoolDownIsVisibleAndAnySingleAdminCancelsIt() throws Exception {
    init("approval.cooldown = 24h");
    String cancelled = proposePolicy(POLICY);
    approve("admin", cancelled, 0);
    CliRunner.Result scheduled = approve("admin", cancelled, 1);
    assertThat(scheduled.stdout()).contains("state: SCHEDULED until 2026-11-24T12:00:00");
    CliRunner.Result veto = reject("admin", cancelled, 2);
    assertThat(veto.exitCode()).as(veto.stderr()).isZero();
    assertThat(veto.stdout()).contains("state: CANCELLED");
    cli.now = cli.now.plus(Duration.ofHours(25));
    assertThat(cli.run("admin", "list", "--data-dir", dataDir.toString()).stdout()).contains(cancelled + "  policy-apply  CANCELLED");
    assertThat(policyApplied()).isFalse();

    String applied = proposePolicy(POLICY);
    approve("admin", applied, 0);
    approve("admin", applied, 2);
    cli.now = cli.now.plus(Duration.ofHours(23));
    assertThat(policyApplied()).isFalse();
    cli.now = cli.now.plus(Duration.ofHours(1));
    assertThat(cli.run("admin", "list", "--data-dir", dataDir.toString()).stdout()).contains(applied + "  policy-apply  APPLIED");
    assertThat(policyApplied()).isTrue();
  }

  @Test
  void anAutomatedApproverSignsWithItsKeyFileAndTheAdminSetChangesOnlyByQuorum() throws Exception {
    init();
    Path keyFile = tmp.resolve("approver.key");
    Files.write(keyFile, secrets.get(2));
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    CliRunner.Result p = cli.run("admin", "propose", "admin-set", "--data-dir", dataDir.toString(), "--key", keys.get(0), "--key", keys.get(1),
        "--threshold", "1");
    assertThat(p.exitCode()).as(p.stderr()).isZero();
    Matcher m = Pattern.compile("id: +([0-9a-f]{64})").matcher(p.stdout());
    assertThat(m.find()).isTrue();
    String id = m.group(1);
    cli.env.put("CUSTOS_PRINCIPAL", "bot:approver");
    CliRunner.Result byFile = cli.run("admin", "approve", id, "--data-dir", dataDir.toString(), "--key", keyFile.toString());
    assertThat(byFile.exitCode()).as(byFile.stderr()).isZero();
    assertThat(byFile.stdout()).contains("counted approve by " + keys.get(2)).contains("PENDING 1/2");
    CliRunner.Result second = approve("admin", id, 0);
    assertThat(second.stdout()).contains("APPLIED");
    // The new set is 1-of-2 without key 2: a policy now needs one approval, and key 2 is unknown.
    String policy = proposePolicy(POLICY).substring(0, 16);
    CliRunner.Result unknown = approve("admin", policy, 2);
    assertThat(unknown.stderr()).contains("approval-unknown-approver");
    assertThat(approve("admin", policy, 1).stdout()).contains("APPLIED");

    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    CliRunner.Result open = cli.run("admin", "reject", policy, "--data-dir", dataDir.toString(), "--key", keyFile.toString());
    assertThat(open.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(open.stderr()).contains("accessible to group or others");
  }

  @Test
  void aPendingSpendIsSignedOnlyAfterItsQuorumAndItsInitiatorCannotApproveIt() throws Exception {
    init();
    String policy = proposePolicy(POLICY);
    approve("admin", policy, 0);
    approve("admin", policy, 1);
    Path psbt = psbtSending(4_000_000);
    CliRunner.Result pending = sign(psbt, tmp.resolve("p1.psbt"));
    assertThat(pending.exitCode()).isEqualTo(ExitCode.PENDING_APPROVAL);
    String id = requestId(pending);

    CliRunner.Result self = submit("approvals", "approve", id, 0, bip340(0, text("approvals", id, "approve")), ADMIN_PRINCIPAL);
    assertThat(self.stderr()).contains("approval-self-approval");
    assertThat(approve("approvals", id, 0).stdout()).contains("PENDING 1/2");
    CliRunner.Result stillPending = sign(psbt, tmp.resolve("p2.psbt"));
    assertThat(stillPending.exitCode()).isEqualTo(ExitCode.PENDING_APPROVAL);
    assertThat(stillPending.stderr()).contains("1 of 2 approvals");
    assertThat(approve("approvals", id, 2).stdout()).contains("SCHEDULED");

    CliRunner.Result signed = sign(psbt, tmp.resolve("p3.psbt"));
    assertThat(signed.exitCode()).as(signed.stderr()).isZero();
    assertThat(tmp.resolve("p3.psbt")).exists();
    assertThat(cli.run("approvals", "list", "--data-dir", dataDir.toString()).stdout()).contains(id + "  spend  APPLIED");
    assertThat(approve("approvals", id, 1).stderr()).contains("approval-replayed");
  }

  @Test
  void anApprovedSpendWaitsForItsDelayAndOneApproverCanVetoIt() throws Exception {
    init("approval.spend-delay = 1h");
    String policy = proposePolicy(POLICY);
    approve("admin", policy, 0);
    approve("admin", policy, 1);
    Path psbt = psbtSending(4_000_000);
    String id = requestId(sign(psbt, tmp.resolve("p1.psbt")));
    approve("approvals", id, 0);
    approve("approvals", id, 1);
    CliRunner.Result waiting = sign(psbt, tmp.resolve("p2.psbt"));
    assertThat(waiting.exitCode()).isEqualTo(ExitCode.PENDING_APPROVAL);
    assertThat(waiting.stderr()).contains("can be signed from 2026-11-23T13:00:00Z unless vetoed");

    CliRunner.Result veto = reject("approvals", id, 2);
    assertThat(veto.stdout()).contains("CANCELLED");
    cli.now = cli.now.plus(Duration.ofHours(2));
    CliRunner.Result refused = sign(psbt, tmp.resolve("p3.psbt"));
    assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(refused.stderr()).contains("policy-approval-refused");
    assertThat(tmp.resolve("p3.psbt")).doesNotExist();
  }

  @Test
  void withoutAnAdminSetPolicyApplyStaysDirectAndSaysSo() throws Exception {
    cli.env.put("CUSTOS_PW", "correct horse battery staple");
    Path mnemonic = tmp.resolve("mnemonic.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON + "\n");
    dataDir = tmp.resolve("plain");
    assertThat(cli.run("init", "--data-dir", dataDir.toString(), "--network", "regtest", "--passphrase-env", "CUSTOS_PW",
        "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test").exitCode()).isZero();
    Path file = tmp.resolve("p.yaml");
    Files.writeString(file, POLICY);
    CliRunner.Result r = cli.run("policy", "apply", "--data-dir", dataDir.toString(), "--file", file.toString());
    assertThat(r.stdout()).contains("applied policy version 1").contains("no admin set, so it applies directly");
    CliRunner.Result pending = sign(psbtSending(4_000_000), tmp.resolve("x.psbt"));
    assertThat(pending.exitCode()).isEqualTo(ExitCode.PENDING_APPROVAL);
    assertThat(cli.run("approvals", "list", "--data-dir", dataDir.toString()).stdout()).isEmpty();
  }

  @Test
  void badInitKeysChangeNothing() throws Exception {
    cli.env.put("CUSTOS_PW", "pw");
    Path dir = tmp.resolve("bad");
    CliRunner.Result r = cli.run("init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-env", "CUSTOS_PW",
        "--kdf-profile", "test", "--admin-key", "02" + "00".repeat(32), "--admin-threshold", "1");
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).contains("--admin-key").contains("not a point");
    assertThat(dir).doesNotExist();
  }

  private static String requestId(CliRunner.Result pending) {
    assertThat(pending.exitCode()).as(pending.stderr()).isEqualTo(ExitCode.PENDING_APPROVAL);
    Matcher m = Pattern.compile("approval request ([0-9a-f]{64})").matcher(pending.stderr());
    assertThat(m.find()).as(pending.stderr()).isTrue();
    return m.group(1);
  }

  private CliRunner.Result sign(Path in, Path out) {
    return cli.run("psbt", "sign", "--data-dir", dataDir.toString(), "--passphrase-env", "CUSTOS_PW", "--in", in.toString(), "--out",
        out.toString());
  }

  private Path psbtSending(long amountSat) throws Exception {
    CliRunner.Result d = cli.run("descriptors", "--data-dir", dataDir.toString(), "--json");
    JsonNode account = json.readTree(d.stdout()).get("accounts").get(2);
    int index = random.nextInt(1000);
    var xpub = DeterministicWallet.ExtendedPublicKey.Companion.decode(account.get("xpub").asText(), new fr.acinq.bitcoin.KeyPath("")).getSecond();
    PublicKey key = xpub.derivePublicKey(0).derivePublicKey(index).getPublicKey();
    String receive = account.get("receive").asText();
    int fp = HexFormat.fromHexDigits(receive.substring(receive.indexOf('[') + 1, receive.indexOf('[') + 9));
    KeyOrigin origin = new KeyOrigin(fp, KeyPath.parse(account.get("path").asText()).child(0).child(index));
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(amountSat + 10_000, new ByteVector(Script.write(Script.pay2wpkh(key))))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0)).derivation(key, origin).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in),
        List.of(TestWallets.out(amountSat, new ByteVector(Script.write(Script.pay2wpkh(PublicKey.fromHex("02" + "33".repeat(32))))))),
        List.of(PsbtFactory.plainOutput()));
    Path p = tmp.resolve("send-" + amountSat + "-" + index + ".psbt");
    Files.writeString(p, PsbtCodec.toBase64(psbt));
    return p;
  }
}
