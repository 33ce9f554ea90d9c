package dev.custos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.psbt.Psbt;
import dev.custos.core.psbt.PsbtCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the guided walkthrough runs end to end, twice (reusing the keystore). */
class WalkthroughTest {
  @TempDir
  Path tmp;

  @Test
  void runsTheRealCommandsAndSignsTheDemoPsbt() throws Exception {
    CliRunner cli = new CliRunner();
    Path dir = tmp.resolve("wk");
    CliRunner.Result first = cli.run("walkthrough", "--data-dir", dir.toString());
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(first.stdout()).contains("$ ./custos init").contains("$ ./custos psbt sign")
        .contains("change (verified, m/84'/1'/0'/1/0)").contains("decision: ALLOW").contains("audit log intact");
    Path pass = tmp.resolve("wk.passphrase");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pass))).isEqualTo("rw-------");
    Psbt signed = PsbtCodec.decode(Files.readAllBytes(tmp.resolve("wk-demo-signed.psbt")));
    assertThat(signed.inputs().get(0).partialSigs()).hasSize(1);
    assertThat(signed.inputs().get(1).tapKeySig()).isPresent();

    CliRunner.Result again = cli.run("walkthrough", "--data-dir", dir.toString());
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    assertThat(again.stdout()).contains("already exists: reusing it");
  }
}
