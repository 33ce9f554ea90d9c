package dev.custos.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custos.cli.CliContext;
import dev.custos.cli.ExitCode;
import dev.custos.cli.Main;
import dev.custos.cli.serve.HostPort;
import dev.custos.cli.serve.Serving;
import dev.custos.core.audit.AuditRecord;
import dev.custos.core.audit.AuditVerification;
import dev.custos.core.audit.AuditVerifier;
import dev.custos.core.macaroon.Macaroon;
import dev.custos.core.testkit.TestWallets;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.XonlyPublicKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custos serve} started locked, opened with {@code custos unlock}, then {@code remote
 * macaroon ...} and {@code remote audit export} against it: real server on a free loopback port,
 * real gRPC over TLS, every command through {@link Main#execute}.
 */
class UnlockAndRemoteMacaroonTest {
  private static final String PASS = "unlock-test-pass";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  record Result(int exitCode, String stdout, String stderr) {}

  @Test
  void unlockThenManageMacaroonsAndExportTheAuditLogRemotely() throws Exception {
    Path mnemonic = tmp.resolve("m.txt");
    Files.writeString(mnemonic, TestWallets.ABANDON);
    Path dir = tmp.resolve("node");
    assertThat(cli("init", "--data-dir", dir.toString(), "--network", "regtest", "--passphrase-env", "PW", "--mnemonic-file",
        mnemonic.toString(), "--kdf-profile", "test").exitCode()).isZero();
    try (Serving serving = Serving.start(context(new ByteArrayOutputStream(), new ByteArrayOutputStream()), dir, Optional.empty(),
        new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), List.of())) {
      String[] at = {"--rpcserver", "127.0.0.1:" + serving.server().port(), "--data-dir", dir.toString()};
      assertThat(dir.resolve("admin.macaroon")).doesNotExist();
      // While locked, no macaroon can be verified: whatever is presented, the call is refused.
      Path anything = Files.write(tmp.resolve("any.macaroon"), new byte[] {1, 2, 3});
      Result locked = cli(concat(new String[] {"getinfo", "--macaroonpath", anything.toString()}, at));
      assertThat(locked.exitCode()).isEqualTo(ExitCode.INTERNAL);
      assertThat(locked.stderr()).contains("wallet locked: call Unlock first");

      Result wrong = cli(concat(new String[] {"unlock", "--passphrase-env", "WRONG"}, at));
      assertThat(wrong.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(wrong.stderr()).contains("unlock failed: wrong passphrase").doesNotContain("not-the-passphrase");
      Result unlocked = cli(concat(new String[] {"unlock", "--passphrase-env", "PW"}, at));
      assertThat(unlocked.exitCode()).as(unlocked.stderr()).isZero();
      assertThat(unlocked.stdout()).contains("unlocked 127.0.0.1:", "baked admin.macaroon, readonly.macaroon, signer.macaroon");
      Result again = cli(concat(new String[] {"unlock", "--passphrase-env", "PW"}, at));
      assertThat(again.exitCode()).isEqualTo(ExitCode.INTERNAL);
      assertThat(again.stderr()).contains("FAILED_PRECONDITION: wallet already unlocked");

      // bake: as the local command, a 0600 binary file; never more than the caller's macaroon.
      Path monitor = tmp.resolve("monitor.macaroon");
      Result baked = cli(concat(new String[] {"remote", "macaroon", "bake", "--permissions", "info:read", "--ip-address", "127.0.0.1",
          "--label", "monitor", "--out", monitor.toString()}, at));
      assertThat(baked.exitCode()).as(baked.stderr()).isZero();
      String id = baked.stdout().replaceAll("(?s).*with root key id ([0-9a-f]{16}) .*", "$1");
      assertThat(baked.stdout()).startsWith("baked macaroon " + monitor + " with root key id " + id
          + " (revoke with: custos remote macaroon delete-id --id " + id + ")");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(monitor))).isEqualTo("rw-------");
      assertThat(Macaroon.decode(Files.readAllBytes(monitor)).caveats()).hasSize(1);
      Result getinfo = cli(concat(new String[] {"getinfo", "--macaroonpath", monitor.toString()}, at));
      assertThat(getinfo.exitCode()).as(getinfo.stderr()).isZero();
      Result escalate = cli(concat(new String[] {"remote", "macaroon", "bake", "--preset", "signer", "--out", tmp.resolve("x").toString(),
          "--macaroonpath", dir.resolve("readonly.macaroon").toString()}, at));
      assertThat(escalate.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(escalate.stderr()).contains("permission denied");
      assertThat(tmp.resolve("x")).doesNotExist();

      // list-ids and permissions print exactly what the local commands print.
      Result remoteIds = cli(concat(new String[] {"remote", "macaroon", "list-ids", "--json"}, at));
      Result localIds = cli("macaroon", "list-ids", "--json", "--data-dir", dir.toString());
      assertThat(remoteIds.stdout()).isEqualTo(localIds.stdout()).contains("\"id\":\"" + id + "\"", "\"label\":\"monitor\"");
      Result remotePermissions = cli(concat(new String[] {"remote", "macaroon", "permissions"}, at));
      assertThat(remotePermissions.stdout()).isEqualTo(cli("macaroon", "permissions").stdout()).contains("BakeMacaroon");
      assertThat(JSON.readTree(cli(concat(new String[] {"remote", "macaroon", "permissions", "--json"}, at)).stdout()))
          .isEqualTo(JSON.readTree(cli("macaroon", "permissions", "--json").stdout()));

      // delete-id revokes at once; a second time the id is unknown (exit 2).
      Result deleted = cli(concat(new String[] {"remote", "macaroon", "delete-id", "--id", id}, at));
      assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
      assertThat(deleted.stdout()).isEqualTo("deleted root key id " + id + ": the macaroons baked under it are revoked\n");
      assertThat(cli(concat(new String[] {"getinfo", "--macaroonpath", monitor.toString()}, at)).stderr()).contains("root key id not found");
      assertThat(cli(concat(new String[] {"remote", "macaroon", "delete-id", "--id", id}, at)).exitCode()).isEqualTo(ExitCode.BAD_INPUT);

      // remote audit export: the same bytes as the local export, and they verify with the local verifier.
      Path remoteLog = tmp.resolve("remote.jsonl");
      Result exported = cli(concat(new String[] {"remote", "audit", "export", "--out", remoteLog.toString()}, at));
      assertThat(exported.exitCode()).as(exported.stderr()).isZero();
      Result local = cli("audit", "export", "--data-dir", dir.toString());
      assertThat(Files.readString(remoteLog)).isEqualTo(local.stdout()).contains("\"type\":\"key.unlock\"", "\"type\":\"macaroon.revoke\"");
      String auditKey = JSON.readTree(Files.readAllBytes(dir.resolve("wallet.json"))).get("auditKey").asText();
      AuditVerification v = AuditVerifier.verify(parse(Files.readAllLines(remoteLog)).iterator(),
          Optional.of(new XonlyPublicKey(new ByteVector32(auditKey))));
      assertThat(v.ok()).as(v.reason().orElse("")).isTrue();
      assertThat(v.recordsChecked()).isEqualTo(Files.readAllLines(remoteLog).size());
      Result since = cli(concat(new String[] {"remote", "audit", "export", "--since", "2"}, at));
      assertThat(since.stdout()).isEqualTo(cli("audit", "export", "--data-dir", dir.toString(), "--since", "2").stdout()).startsWith("{\"seq\":2,");
    }
  }

  /** The export format read back into records, as an auditor holding only the file would. */
  private static List<AuditRecord> parse(List<String> lines) throws Exception {
    List<AuditRecord> out = new ArrayList<>();
    for (String line : lines) {
      JsonNode n = JSON.readTree(line);
      TreeMap<String, String> fields = new TreeMap<>();
      n.get("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
      out.add(new AuditRecord(n.get("seq").asLong(), Instant.parse(n.get("time").asText()), n.get("type").asText(), fields,
          new ByteVector32(n.get("prevHash").asText()), new ByteVector32(n.get("hash").asText())));
    }
    return out;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(context(out, err), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static CliContext context(ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new CliContext(Map.of("PW", PASS, "WRONG", "not-the-passphrase"), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Optional.empty(), Clock.systemUTC(), new SecureRandom());
  }
}
