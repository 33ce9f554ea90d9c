package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.psbt.KeyOrigin;
import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import dev.custos.core.psbt.PsbtInput;
import dev.custos.core.psbt.PsbtOutput;
import dev.custos.core.psbt.TapKeyOrigin;
import dev.custos.core.keys.KeyPath;
import dev.custos.core.testkit.IndependentCheck;
import dev.custos.core.testkit.IndependentCheck.Template;
import dev.custos.core.testkit.InputBuilder;
import dev.custos.core.testkit.PsbtFactory;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.DeterministicWallet;
import fr.acinq.bitcoin.PublicKey;
import fr.acinq.bitcoin.Script;
import fr.acinq.bitcoin.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "done when" path of the foundation issue, in-process: init (restore) -> descriptors -> a PSBT
 * built from those descriptors (keys derived by bitcoin-kmp's DeterministicWallet, not our BIP32)
 * -> psbt sign -> bitcoin-kmp's interpreter accepts the transaction; and every failure mode is one
 * line on stderr with the documented exit code.
 */
class CliEndToEndTest {
  @TempDir
  Path tmp;

  private final CliRunner cli = new CliRunner();
  private final ObjectMapper json = new ObjectMapper();
  private final Random random = new Random(7);
  private Path dataDir;

  @BeforeEach
  void initKeystore() throws Exception {
    cli.env.put("CUSTOS_PW", "correct horse battery staple");
    Path mnemonic = tmp.resolve("mnemonic.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON + "\n");
    dataDir = tmp.resolve("custos");
    CliRunner.Result r = cli.run("init", "--data-dir", dataDir.toString(), "--network", "regtest",
        "--passphrase-env", "CUSTOS_PW", "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("Master fingerprint: 73c5da0a").doesNotContain("abandon");
    applyPolicy(POLICY);
  }

  static final String POLICY = """
      version: 1
      limits:
        max-per-transaction: 0.05 BTC
        velocity:
          - {window: 24h, per: wallet, max-amount: 0.1 BTC, max-count: 20}
      fees:
        max-rate: 500
      approval:
        above-amount: 0.03 BTC
      """;

  private void applyPolicy(String yaml) throws Exception {
    Path file = tmp.resolve("policy-" + yaml.hashCode() + ".yaml");
    Files.writeString(file, yaml);
    CliRunner.Result r = cli.run("policy", "apply", "--data-dir", dataDir.toString(), "--file", file.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
  }

  @Test
  void keystoreFilesArePrivate() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    try (var files = Files.list(dataDir)) {
      for (Path f : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
      }
    }
    byte[] sealed = Files.readAllBytes(dataDir.resolve("seed.sealed"));
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("abandon");
  }

  @Test
  void initRefusesToOverwriteAKeystore() {
    CliRunner.Result r = cli.run("init", "--data-dir", dataDir.toString(), "--network", "regtest",
        "--passphrase-env", "CUSTOS_PW", "--kdf-profile", "test");
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).contains("refusing to overwrite").hasLineCount(1);
  }

  @Test
  void initGeneratesAndShowsA24WordMnemonicOnce() {
    CliRunner.Result r = cli.run("init", "--data-dir", tmp.resolve("fresh").toString(), "--network", "signet",
        "--passphrase-env", "CUSTOS_PW", "--kdf-profile", "test");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    String words = r.stdout().lines().filter(l -> l.startsWith("    ")).findFirst().orElseThrow().trim();
    assertThat(words.split(" ")).hasSize(24);
  }

  private JsonNode descriptors() throws Exception {
    CliRunner.Result r = cli.run("descriptors", "--data-dir", dataDir.toString(), "--json");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return json.readTree(r.stdout());
  }

  /** The account's xpub decoded and derived by bitcoin-kmp, from the descriptor output alone. */
  private PublicKey derive(JsonNode account, int branch, int index) {
    var xpub = DeterministicWallet.ExtendedPublicKey.Companion.decode(account.get("xpub").asText(), new fr.acinq.bitcoin.KeyPath("")).getSecond();
    return xpub.derivePublicKey(branch).derivePublicKey(index).getPublicKey();
  }

  private KeyOrigin origin(JsonNode account, int branch, int index) {
    String receive = account.get("receive").asText();
    int fp = HexFormat.fromHexDigits(receive.substring(receive.indexOf('[') + 1, receive.indexOf('[') + 9));
    return new KeyOrigin(fp, KeyPath.parse(account.get("path").asText()).child(branch).child(index));
  }

  @ParameterizedTest
  @ValueSource(strings = {"BIP44", "BIP49", "BIP84", "BIP86"})
  void signsAPsbtBuiltForItsDescriptorsAndTheInterpreterAcceptsIt(String type) throws Exception {
    JsonNode account = null;
    for (JsonNode a : descriptors().get("accounts")) {
      if (a.get("type").asText().equals(type)) {
        account = a;
      }
    }
    PublicKey key = derive(account, 0, 5);
    KeyOrigin origin = origin(account, 0, 5);
    PublicKey change = derive(account, 1, 2);
    ByteVector spk;
    ByteVector changeSpk;
    Template template;
    switch (type) {
      case "BIP44" -> {
        spk = bytes(Script.pay2pkh(key));
        changeSpk = bytes(Script.pay2pkh(change));
        template = Template.P2PKH;
      }
      case "BIP49" -> {
        spk = bytes(Script.pay2sh(Script.pay2wpkh(key)));
        changeSpk = bytes(Script.pay2sh(Script.pay2wpkh(change)));
        template = Template.P2SH_P2WPKH;
      }
      case "BIP84" -> {
        spk = bytes(Script.pay2wpkh(key));
        changeSpk = bytes(Script.pay2wpkh(change));
        template = Template.P2WPKH;
      }
      default -> {
        spk = bytes(Script.pay2tr(key.xOnly(), (fr.acinq.bitcoin.Crypto.TaprootTweak) fr.acinq.bitcoin.Crypto.TaprootTweak.KeyPathTweak.INSTANCE));
        changeSpk = bytes(Script.pay2tr(change.xOnly(), (fr.acinq.bitcoin.Crypto.TaprootTweak) fr.acinq.bitcoin.Crypto.TaprootTweak.KeyPathTweak.INSTANCE));
        template = Template.P2TR_KEY;
      }
    }
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(2_000_000, spk)));
    InputBuilder in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0));
    PsbtOutput changeMap;
    if (type.equals("BIP86")) {
      in.internalKey(key.xOnly()).tapDerivation(key.xOnly(), new TapKeyOrigin(List.of(), origin));
      changeMap = PsbtFactory.taprootOutput(change.xOnly(), origin(account, 1, 2));
    } else {
      in.derivation(key, origin);
      if (type.equals("BIP49")) {
        in.redeemScript(bytes(Script.pay2wpkh(key)));
      }
      changeMap = PsbtFactory.derivedOutput(change, origin(account, 1, 2));
    }
    ByteVector external = bytes(Script.pay2wpkh(PublicKey.fromHex("02" + "11".repeat(32))));
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in.build()),
        List.of(TestWallets.out(1_200_000, external), TestWallets.out(799_000, changeSpk)),
        List.of(PsbtFactory.plainOutput(), changeMap));
    Path unsigned = tmp.resolve("unsigned.psbt");
    Files.writeString(unsigned, PsbtCodec.toBase64(psbt));

    CliRunner.Result inspect = cli.run("psbt", "inspect", "--in", unsigned.toString(), "--json", "--data-dir", dataDir.toString());
    assertThat(inspect.exitCode()).as(inspect.stderr()).isZero();
    JsonNode analysis = json.readTree(inspect.stdout());
    assertThat(analysis.get("amountLeavingSat").asLong()).isEqualTo(1_200_000);
    assertThat(analysis.get("feeSat").asLong()).isEqualTo(1_000);
    assertThat(analysis.get("outputs").get(1).get("ownership").asText()).isEqualTo("change");
    assertThat(analysis.get("outputs").get(0).get("ownership").asText()).isEqualTo("external");

    Path signedFile = tmp.resolve("signed.psbt");
    CliRunner.Result sign = cli.run("psbt", "sign", "--data-dir", dataDir.toString(), "--passphrase-env", "CUSTOS_PW",
        "--in", unsigned.toString(), "--out", signedFile.toString());
    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    assertThat(sign.stderr()).contains("signed input 0");
    Psbt signed = PsbtCodec.decode(Files.readAllBytes(signedFile));
    Transaction tx = IndependentCheck.finalizeAndVerify(signed, List.of(template), List.of(prev));
    assertThat(tx.txOut).hasSize(2);
  }

  private static ByteVector bytes(List<? extends fr.acinq.bitcoin.ScriptElt> script) {
    return new ByteVector(Script.write(script));
  }

  private Path somePsbtForUs() throws Exception {
    JsonNode account = descriptors().get("accounts").get(2);
    PublicKey key = derive(account, 0, 1);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(100_000, bytes(Script.pay2wpkh(key)))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0)).derivation(key, origin(account, 0, 1)).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in),
        List.of(TestWallets.out(90_000, bytes(Script.pay2wpkh(PublicKey.fromHex("02" + "22".repeat(32)))))),
        List.of(PsbtFactory.plainOutput()));
    Path p = tmp.resolve("ours.psbt");
    Files.write(p, PsbtCodec.serialize(psbt));
    return p;
  }

  @Test
  void wrongPassphraseIsAClearErrorAndWritesNothing() throws Exception {
    cli.env.put("WRONG", "not the passphrase");
    Path out = tmp.resolve("never.psbt");
    CliRunner.Result r = cli.run("psbt", "sign", "--data-dir", dataDir.toString(), "--passphrase-env", "WRONG",
        "--in", somePsbtForUs().toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).contains("wrong passphrase").hasLineCount(1).doesNotContain("not the passphrase");
    assertThat(out).doesNotExist();
  }

  @Test
  void stdinAndStdoutWithDash() throws Exception {
    byte[] in = Files.readAllBytes(somePsbtForUs());
    CliRunner.Result r = cli.runWithStdin(in, "psbt", "sign", "--data-dir", dataDir.toString(), "--passphrase-env", "CUSTOS_PW",
        "--in", "-", "--out", "-");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    Psbt signed = PsbtCodec.decode(r.stdout().getBytes(StandardCharsets.US_ASCII));
    assertThat(signed.inputs().get(0).partialSigs()).hasSize(1);
  }

  @Test
  void malformedPsbtIsOneLineExitTwo() throws Exception {
    Path bad = tmp.resolve("bad.psbt");
    Files.writeString(bad, "cHNidP8BAHECAAAAAQ==");
    CliRunner.Result r = cli.run("psbt", "inspect", "--in", bad.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).startsWith("custos: invalid PSBT").hasLineCount(1).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void psbtOfAnotherWalletSignsNothingAndWritesNothing() throws Exception {
    var theirs = dev.custos.core.keys.Account.derive(TestWallets.master(TestWallets.ZOO), dev.custos.core.keys.AccountType.BIP84,
        dev.custos.core.keys.Network.REGTEST, 0);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(100_000, theirs.scriptPubKey(0, 0))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0))
        .derivation(theirs.publicKey(0, 0), new KeyOrigin(theirs.masterFingerprint(), theirs.accountPath().child(0).child(0))).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in), List.of(TestWallets.out(90_000, theirs.scriptPubKey(0, 1))),
        List.of(PsbtFactory.plainOutput()));
    Path p = tmp.resolve("theirs.psbt");
    Files.writeString(p, PsbtCodec.toBase64(psbt));
    Path out = tmp.resolve("out.psbt");
    CliRunner.Result r = cli.run("psbt", "sign", "--data-dir", dataDir.toString(), "--passphrase-env", "CUSTOS_PW",
        "--in", p.toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).contains("no input of this PSBT belongs to wallet 73c5da0a");
    assertThat(out).doesNotExist();
  }

  @Test
  void unsafeSighashIsRefusedWithExitThree() throws Exception {
    Psbt psbt = PsbtCodec.decode(Files.readAllBytes(somePsbtForUs()));
    PsbtInput in = psbt.inputs().get(0);
    PsbtInput single = new PsbtInput(in.nonWitnessUtxo(), in.witnessUtxo(), in.partialSigs(), java.util.OptionalInt.of(3),
        in.redeemScript(), in.witnessScript(), in.bip32Derivations(), in.finalScriptSig(), in.finalScriptWitness(),
        in.previousTxid(), in.outputIndex(), in.sequence(), in.requiredTimeLocktime(), in.requiredHeightLocktime(),
        in.tapKeySig(), in.tapScriptSigs(), in.tapLeafScripts(), in.tapBip32Derivations(), in.tapInternalKey(),
        in.tapMerkleRoot(), in.other());
    Path p = tmp.resolve("single.psbt");
    Files.write(p, PsbtCodec.serialize(psbt.withInput(0, single)));
    CliRunner.Result r = cli.run("psbt", "sign", "--data-dir", dataDir.toString(), "--passphrase-env", "CUSTOS_PW",
        "--in", p.toString(), "--out", tmp.resolve("o.psbt").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.stderr()).contains("refused to sign: input 0: sighash type 0x3").hasLineCount(1);
  }

  @Test
  void tamperedWalletFileIsDetectedAtUnlock() throws Exception {
    Path wallet = dataDir.resolve("wallet.json");
    String original = Files.readString(wallet);
    // Swap in the BIP84 xpub of another wallet: change verification would then trust its outputs.
    var other = dev.custos.core.keys.Account.derive(TestWallets.master(TestWallets.ZOO), dev.custos.core.keys.AccountType.BIP84,
        dev.custos.core.keys.Network.REGTEST, 0);
    String ours = descriptors().get("accounts").get(2).get("xpub").asText();
    Files.writeString(wallet, original.replace(ours, other.xpub().encode(dev.custos.core.keys.Network.REGTEST)));
    CliRunner.Result r = cli.run("psbt", "sign", "--data-dir", dataDir.toString(), "--passphrase-env", "CUSTOS_PW",
        "--in", somePsbtForUs().toString(), "--out", tmp.resolve("o.psbt").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).contains("does not match the sealed seed");
  }

  @Test
  void usageErrorsAreExitTwo() {
    CliRunner.Result r = cli.run("psbt", "sign", "--bogus");
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).hasLineCount(1);
  }

  @Test
  void missingDataDirIsAClearError() {
    CliRunner.Result r = cli.run("descriptors", "--data-dir", tmp.resolve("nope").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).hasLineCount(1).startsWith("custos: ");
  }

  @Test
  void versionPrintsTheVersion() {
    CliRunner.Result r = cli.run("version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).startsWith("custos ");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String[] cmd : List.of(new String[] {"init", "--help"}, new String[] {"psbt", "sign", "--help"},
        new String[] {"psbt", "inspect", "--help"}, new String[] {"descriptors", "--help"}, new String[] {"walkthrough", "--help"})) {
      CliRunner.Result r = cli.run(cmd);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isZero();
      assertThat(r.stdout()).contains("Usage:");
    }
  }

  private Path psbtSending(long amountSat) throws Exception {
    JsonNode account = descriptors().get("accounts").get(2);
    int index = random.nextInt(1000);
    PublicKey key = derive(account, 0, index);
    Transaction prev = TestWallets.funding(random, List.of(TestWallets.out(amountSat + 10_000, bytes(Script.pay2wpkh(key)))));
    PsbtInput in = new InputBuilder().nonWitnessUtxo(prev).witnessUtxo(prev.txOut.get(0)).derivation(key, origin(account, 0, index)).build();
    Psbt psbt = PsbtFactory.v0(List.of(prev), List.of(0), List.of(in),
        List.of(TestWallets.out(amountSat, bytes(Script.pay2wpkh(PublicKey.fromHex("02" + "33".repeat(32)))))),
        List.of(PsbtFactory.plainOutput()));
    Path p = tmp.resolve("send-" + amountSat + "-" + index + ".psbt");
    Files.writeString(p, PsbtCodec.toBase64(psbt));
    return p;
  }

  private CliRunner.Result sign(Path in, Path out) {
    return cli.run("psbt", "sign", "--data-dir", dataDir.toString(), "--passphrase-env", "CUSTOS_PW",
        "--in", in.toString(), "--out", out.toString());
  }

  @Test
  void aSpendAboveThePerTransactionMaximumIsDeniedWithItsTag() throws Exception {
    Path out = tmp.resolve("denied.psbt");
    CliRunner.Result r = sign(psbtSending(6_000_000), out);
    assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.stderr()).contains("denied by policy: policy-amount-max-per-tx");
    assertThat(out).doesNotExist();
  }

  @Test
  void aSpendAboveTheApprovalThresholdIsPendingWithExitFour() throws Exception {
    Path out = tmp.resolve("pending.psbt");
    CliRunner.Result r = sign(psbtSending(4_000_000), out);
    assertThat(r.exitCode()).isEqualTo(ExitCode.PENDING_APPROVAL);
    assertThat(r.stderr()).contains("pending approval: policy-approval-amount");
    assertThat(out).doesNotExist();
  }

  @Test
  void checkIsADryRunAndARetriedSignatureIsNotDebitedTwice() throws Exception {
    Path psbt = psbtSending(2_000_000);
    CliRunner.Result c1 = cli.run("psbt", "check", "--data-dir", dataDir.toString(), "--in", psbt.toString());
    CliRunner.Result c2 = cli.run("psbt", "check", "--data-dir", dataDir.toString(), "--in", psbt.toString());
    assertThat(c1.exitCode()).as(c1.stderr()).isZero();
    assertThat(c1.stdout()).contains("decision: ALLOW").contains("wallet 24h: 0.08 BTC of 0.1 BTC left after this");
    assertThat(c2.stdout()).isEqualTo(c1.stdout());

    assertThat(sign(psbt, tmp.resolve("s1.psbt")).exitCode()).isZero();
    CliRunner.Result again = sign(psbt, tmp.resolve("s2.psbt"));
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stderr()).contains("not debited again");
    // One debit of 0.02 BTC: another 0.02 BTC spend leaves 0.06 BTC.
    CliRunner.Result c3 = cli.run("psbt", "check", "--data-dir", dataDir.toString(), "--in", psbtSending(2_000_000).toString());
    assertThat(c3.stdout()).contains("wallet 24h: 0.06 BTC of 0.1 BTC left after this");
  }

  @Test
  void theVelocityBudgetIsEnforcedAcrossRequests() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(sign(psbtSending(2_000_000), tmp.resolve("v" + i + ".psbt")).exitCode()).isZero();
    }
    CliRunner.Result r = sign(psbtSending(2_000_000), tmp.resolve("v5.psbt"));
    assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.stderr()).contains("policy-velocity-wallet-amount");
  }

  @Test
  void withoutAPolicyNothingIsSigned() throws Exception {
    Path fresh = tmp.resolve("fresh");
    Path mnemonic = tmp.resolve("mnemonic.txt");
    assertThat(cli.run("init", "--data-dir", fresh.toString(), "--network", "regtest", "--passphrase-env", "CUSTOS_PW",
        "--mnemonic-file", mnemonic.toString(), "--kdf-profile", "test").exitCode()).isZero();
    CliRunner.Result r = cli.run("psbt", "sign", "--data-dir", fresh.toString(), "--passphrase-env", "CUSTOS_PW",
        "--in", psbtSending(1_000).toString(), "--out", tmp.resolve("x.psbt").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.REFUSED);
    assertThat(r.stderr()).contains("policy-none-applied");
  }

  @Test
  void policyCheckNamesTheLineAndShowPrintsTheAppliedText() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "version: 1\nlimits:\n  max-per-transaction: 5000\n");
    CliRunner.Result r = cli.run("policy", "check", "--file", bad.toString(), "--network", "regtest");
    assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).contains("bad.yaml:3").hasLineCount(1);
    CliRunner.Result show = cli.run("policy", "show", "--data-dir", dataDir.toString());
    assertThat(show.stdout()).contains("# policy version 1").contains("max-per-transaction: 0.05 BTC");
  }

  @Test
  void theAuditLogVerifiesExportsAndDetectsTampering() throws Exception {
    assertThat(sign(psbtSending(1_000_000), tmp.resolve("a.psbt")).exitCode()).isZero();
    assertThat(sign(psbtSending(9_000_000), tmp.resolve("b.psbt")).exitCode()).isEqualTo(ExitCode.REFUSED);
    CliRunner.Result v = cli.run("audit", "verify", "--data-dir", dataDir.toString());
    assertThat(v.exitCode()).as(v.stderr()).isZero();
    assertThat(v.stdout()).contains("audit log intact");

    CliRunner.Result e = cli.run("audit", "export", "--data-dir", dataDir.toString());
    List<JsonNode> lines = new java.util.ArrayList<>();
    for (String l : e.stdout().split("\n")) {
      lines.add(json.readTree(l));
    }
    assertThat(lines).extracting(n -> n.get("type").asText())
        .contains("key.init", "policy.apply", "key.unlock", "psbt.request", "policy.decision", "signature.release");
    assertThat(lines).anyMatch(n -> n.get("type").asText().equals("policy.decision")
        && n.get("fields").toString().contains("DENY policy-amount-max-per-tx"));
    assertThat(e.stdout()).doesNotContain("correct horse").doesNotContain("abandon");

    // Rewrite record 1 consistently (new contents, recomputed hash): the chain breaks at record 2.
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("custos.db"))) {
      var prev = dev.custos.core.audit.AuditRecord.decode(blob(c, 0));
      var orig = dev.custos.core.audit.AuditRecord.decode(blob(c, 1));
      var fields = new java.util.TreeMap<>(orig.fields());
      fields.put("appliedBy", "mallory");
      var forged = dev.custos.core.audit.AuditRecord.next(prev, orig.time(), orig.type(), fields);
      try (var ps = c.prepareStatement("UPDATE audit SET record = ?, hash = ? WHERE seq = 1")) {
        ps.setBytes(1, forged.canonicalBytes());
        ps.setBytes(2, forged.hash().toByteArray());
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
    }
    CliRunner.Result broken = cli.run("audit", "verify", "--data-dir", dataDir.toString());
    assertThat(broken.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(broken.stderr()).contains("BROKEN").containsPattern("(record|seq) 2\\b").hasLineCount(1);
  }

  private static byte[] blob(java.sql.Connection c, long seq) throws Exception {
    try (var ps = c.prepareStatement("SELECT record FROM audit WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    }
  }
}
