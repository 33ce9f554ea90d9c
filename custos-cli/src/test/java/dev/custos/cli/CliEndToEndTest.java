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
}
