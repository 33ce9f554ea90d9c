package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.core.keys.ExtendedPrivateKey;
import dev.custos.core.macaroon.CaveatChecker;
import dev.custos.core.macaroon.DenialReason;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.macaroon.RequestContext;
import dev.custos.core.macaroon.RootKeyVault;
import dev.custos.core.macaroon.Verification;
import dev.custos.core.testkit.TestWallets;
import dev.custos.service.macaroon.MacaroonAuthenticator;
import dev.custos.service.macaroon.RpcPermissions;
import dev.custos.store.Store;
import dev.custos.store.StoreFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macaroon tooling end to end, in-process: bake -> print (never the signature) -> constrain
 * -> the server's authenticator verifies the files against the store -> delete-id -> refused; and
 * every bad input is one line on stderr with exit 2.
 */
class MacaroonCliTest {
  /** CliRunner's fixed clock. */
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir
  Path tmp;

  private final CliRunner cli = new CliRunner();
  private final ObjectMapper json = new ObjectMapper();
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
  }

  private CliRunner.Result bake(Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("macaroon", "bake", "--data-dir", dataDir.toString(),
        "--passphrase-env", "CUSTOS_PW", "--out", out.toString()));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  private Verification authenticate(Path file, String rpc, Instant at) throws Exception {
    try (Store store = StoreFactory.open("jdbc:sqlite:" + dataDir.resolve("custos.db"));
        ExtendedPrivateKey master = TestWallets.master(TestWallets.ABANDON);
        RootKeyVault vault = RootKeyVault.derive(master)) {
      return new MacaroonAuthenticator(store, vault, CaveatChecker.NONE).authenticate(Files.readAllBytes(file),
          RpcPermissions.required(rpc).orElseThrow(), new RequestContext(at, Optional.of(InetAddress.ofLiteral("10.1.2.3")), Optional.empty()));
    }
  }

  private static void assertOneLineBadInput(CliRunner.Result r, String message) {
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(r.stderr()).hasLineCount(1).startsWith("custos: ").contains(message);
  }

  @Test
  void bakePrintConstrainVerifyDeleteRefuse() throws Exception {
    Path admin = tmp.resolve("admin.macaroon");
    CliRunner.Result baked = bake(admin, "--preset", "admin", "--label", "ops laptop");
    assertThat(baked.exitCode()).as(baked.stderr()).isZero();
    String id = baked.stdout().replaceAll("(?s).*root key id ([0-9a-f]{16}).*", "$1");
    assertThat(id).matches("[0-9a-f]{16}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(admin))).isEqualTo("rw-------");
    byte[] bytes = Files.readAllBytes(admin);
    assertThat(bytes[0]).isEqualTo((byte) 2);
    Macaroon m = Macaroon.decode(bytes);

    CliRunner.Result printed = cli.run("macaroon", "print", "--in", admin.toString());
    assertThat(printed.exitCode()).as(printed.stderr()).isZero();
    assertThat(printed.stdout()).contains("location:     lnd", "version:      3", "root key id:  " + id, "signer:generate", "policy:write");
    CliRunner.Result printedJson = cli.run("macaroon", "print", "--in", admin.toString(), "--json");
    JsonNode j = json.readTree(printedJson.stdout());
    assertThat(j.get("rootKeyId").asText()).isEqualTo(id);
    assertThat(j.get("version").asInt()).isEqualTo(3);
    assertThat(j.get("permissions")).hasSize(19);
    String sigHex = HexFormat.of().formatHex(m.signature());
    for (String out : List.of(printed.stdout(), printedJson.stdout())) {
      assertThat(out.toLowerCase()).doesNotContain(sigHex).doesNotContain(sigHex.substring(0, 16))
          .doesNotContain(Base64.getEncoder().encodeToString(m.signature()).substring(0, 16));
    }

    Path weak = tmp.resolve("weak.macaroon");
    CliRunner.Result constrained = cli.run("macaroon", "constrain", "--in", admin.toString(), "--out", weak.toString(),
        "--timeout", "60", "--ip-range", "10.1.0.0/16", "--max-amount", "0.0001 BTC");
    assertThat(constrained.exitCode()).as(constrained.stderr()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(weak))).isEqualTo("rw-------");
    assertThat(cli.run("macaroon", "print", "--in", weak.toString()).stdout()).contains(
        "caveat:       time-before 2026-11-23T12:01:00Z", "caveat:       iprange 10.1.0.0/16", "caveat:       custos-max-amount 10000");

    Verification granted = authenticate(weak, "SignPsbt", NOW.plusSeconds(59));
    assertThat(granted).isInstanceOf(Verification.Granted.class);
    assertThat(((Verification.Granted) granted).constraints().maxAmountSat()).hasValue(10_000);
    assertThat(authenticate(weak, "SignPsbt", NOW.plusSeconds(60)))
        .isEqualTo(new Verification.Denied(DenialReason.EXPIRED, "macaroon has expired"));
    assertThat(authenticate(admin, "ApplyPolicy", NOW.plusSeconds(3600))).isInstanceOf(Verification.Granted.class);

    CliRunner.Result listed = cli.run("macaroon", "list-ids", "--data-dir", dataDir.toString());
    assertThat(listed.stdout()).isEqualTo(id + "  " + NOW + "  ops laptop\n");
    assertThat(json.readTree(cli.run("macaroon", "list-ids", "--data-dir", dataDir.toString(), "--json").stdout())
        .get("rootKeyIds").get(0).get("id").asText()).isEqualTo(id);

    CliRunner.Result deleted = cli.run("macaroon", "delete-id", "--data-dir", dataDir.toString(), "--id", id.toUpperCase());
    assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
    Verification.Denied unknown = new Verification.Denied(DenialReason.UNKNOWN_ROOT_KEY, "verification failed: root key id not found");
    assertThat(authenticate(admin, "GetInfo", NOW)).isEqualTo(unknown);
    assertThat(authenticate(weak, "GetInfo", NOW)).isEqualTo(unknown);
    assertThat(cli.run("macaroon", "list-ids", "--data-dir", dataDir.toString()).stdout()).isEmpty();
    assertOneLineBadInput(cli.run("macaroon", "delete-id", "--data-dir", dataDir.toString(), "--id", id),
        "no macaroon root key id " + id);

    CliRunner.Result audit = cli.run("audit", "verify", "--data-dir", dataDir.toString());
    assertThat(audit.exitCode()).as(audit.stderr() + audit.stdout()).isZero();
    CliRunner.Result export = cli.run("audit", "export", "--data-dir", dataDir.toString());
    assertThat(export.stdout()).contains("macaroon.bake", "macaroon.revoke", id).doesNotContain(sigHex);
  }

  @Test
  void eachBakeGetsItsOwnRootKeyIdAndExplicitPermissionsWork() throws Exception {
    Path signer = tmp.resolve("signer.macaroon");
    Path custom = tmp.resolve("custom.macaroon");
    assertThat(bake(signer, "--preset", "signer").exitCode()).isZero();
    CliRunner.Result r = bake(custom, "--permissions", "info:read, policy:read", "--ip-address", "10.1.2.3",
        "--custom-caveat", "tenant acme");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode s = json.readTree(cli.run("macaroon", "print", "--in", signer.toString(), "--json").stdout());
    JsonNode c = json.readTree(cli.run("macaroon", "print", "--in", custom.toString(), "--json").stdout());
    assertThat(s.get("rootKeyId").asText()).isNotEqualTo(c.get("rootKeyId").asText());
    assertThat(s.get("permissions").toString()).isEqualTo("[\"info:read\",\"onchain:read\",\"signer:generate\",\"signer:read\"]");
    assertThat(c.get("permissions").toString()).isEqualTo("[\"info:read\",\"policy:read\"]");
    assertThat(c.get("caveats").toString()).isEqualTo("[\"ipaddr 10.1.2.3\",\"lnd-custom tenant acme\"]");
    Path narrowed = tmp.resolve("narrowed.macaroon");
    CliRunner.Result n = cli.run("macaroon", "constrain", "--in", signer.toString(), "--out", narrowed.toString(),
        "--destination", "bcrt1qexample", "--destination", "book:payees", "--account", "m/84'/1'/0'");
    assertThat(n.exitCode()).as(n.stderr()).isZero();
    assertThat(json.readTree(cli.run("macaroon", "print", "--in", narrowed.toString(), "--json").stdout()).get("caveats").toString())
        .isEqualTo("[\"custos-destinations bcrt1qexample book:payees\",\"custos-account m/84'/1'/0'\"]");
    Verification.Granted g = (Verification.Granted) authenticate(narrowed, "SignPsbt", NOW);
    assertThat(g.constraints().destinationSets()).containsExactly(Set.of("bcrt1qexample", "book:payees"));
    assertThat(authenticate(signer, "SignPsbt", NOW)).isInstanceOf(Verification.Granted.class);
    assertThat(authenticate(signer, "ApplyPolicy", NOW))
        .isEqualTo(new Verification.Denied(DenialReason.PERMISSION_DENIED, "permission denied"));
    assertThat(authenticate(custom, "ShowPolicy", NOW)).isEqualTo(new Verification.Denied(DenialReason.CAVEAT_UNKNOWN,
        "caveat not satisfied: caveat \"lnd-custom tenant acme\" not recognized"));
  }

  @Test
  void badInputIsOneLineExitTwoAndBakesNothing() throws Exception {
    Path out = tmp.resolve("x.macaroon");
    assertOneLineBadInput(bake(out, "--permissions", "info"), "--permissions: permission 'info' is not entity:action");
    assertOneLineBadInput(bake(out, "--permissions", "info:read,,signer:generate"), "--permissions: permission '' is not entity:action");
    assertOneLineBadInput(bake(out, "--permissions", "invoices:read"), "unknown permission 'invoices:read'");
    assertOneLineBadInput(bake(out, "--preset", "root"), "unknown macaroon preset 'root' (known: admin, readonly, signer)");
    assertOneLineBadInput(bake(out, "--preset", "admin", "--permissions", "info:read"), "mutually exclusive");
    assertOneLineBadInput(bake(out), "Missing required argument");
    assertOneLineBadInput(bake(out, "--preset", "admin", "--ip-address", "example.com"), "--ip-address 'example.com' is not an IPv4 or IPv6 address");
    assertOneLineBadInput(bake(out, "--preset", "admin", "--ip-range", "10.0.0.0/33"), "--ip-range '10.0.0.0/33'");
    assertOneLineBadInput(bake(out, "--preset", "admin", "--max-amount", "5000"), "--max-amount '5000' is not an amount");
    assertOneLineBadInput(bake(out, "--preset", "admin", "--timeout", "0"), "--timeout 0");
    assertOneLineBadInput(bake(out, "--preset", "admin", "--account", "m/84'/0'"), "--account 'm/84'/0'' is not an account path");
    assertOneLineBadInput(bake(out, "--preset", "admin", "--destination", "book:"), "--destination: custos-destinations entry 'book:'");
    assertOneLineBadInput(bake(out, "--preset", "admin", "--label", "a\nb"), "one line");
    assertOneLineBadInput(bake(tmp.resolve("nodir").resolve("x.macaroon"), "--preset", "admin"), "no such directory");
    cli.env.put("CUSTOS_PW", "wrong");
    assertThat(bake(out, "--preset", "admin").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(out).doesNotExist();
    assertThat(cli.run("macaroon", "list-ids", "--data-dir", dataDir.toString()).stdout()).isEmpty();

    assertOneLineBadInput(cli.run("macaroon", "print", "--in", tmp.resolve("missing.macaroon").toString()), "no such macaroon file");
    assertOneLineBadInput(cli.run("macaroon", "print", "--in", tmp.toString()), "no such macaroon file");
    Path garbage = tmp.resolve("garbage.macaroon");
    Files.write(garbage, new byte[] {2, 9, 9, 9});
    assertOneLineBadInput(cli.run("macaroon", "print", "--in", garbage.toString()), "invalid macaroon in " + garbage);
    assertOneLineBadInput(cli.run("macaroon", "constrain", "--in", garbage.toString(), "--out", out.toString()), "give at least one of");
    assertOneLineBadInput(cli.run("macaroon", "constrain", "--in", garbage.toString(), "--out", out.toString(), "--timeout", "5"),
        "invalid macaroon in");
    assertOneLineBadInput(cli.run("macaroon", "delete-id", "--data-dir", dataDir.toString(), "--id", "xyz"),
        "--id: root key id 'xyz' is not 16 hex digits");
  }

  @Test
  void permissionsPrintsTheTableAndPresets() throws Exception {
    CliRunner.Result r = cli.run("macaroon", "permissions");
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("SignPsbt           signer:generate\n", "GetInfo            info:read\n",
        "preset signer      info:read onchain:read signer:generate signer:read\n");
    JsonNode j = json.readTree(cli.run("macaroon", "permissions", "--json").stdout());
    assertThat(j.get("methodPermissions").size()).isEqualTo(RpcPermissions.table().size());
    assertThat(j.get("methodPermissions").get("ApplyPolicy").toString()).isEqualTo("[\"policy:write\"]");
  }

  @Test
  void everyMacaroonSubcommandHasHelp() {
    for (String sub : List.of("bake", "constrain", "print", "list-ids", "delete-id", "permissions")) {
      CliRunner.Result r = cli.run("macaroon", sub, "--help");
      assertThat(r.exitCode()).as(sub).isZero();
      assertThat(r.stdout()).contains("Usage: custos macaroon " + sub);
    }
  }
}
