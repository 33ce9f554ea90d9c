package dev.custos.cli.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void createMakesA0700DirectoryWithParents() throws Exception {
    Path dir = tmp.resolve("a/b/custos");
    DataDirectory data = DataDirectory.create(dir);
    assertThat(data.path()).isEqualTo(dir.toAbsolutePath());
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(names(dir)).containsExactly(DataDirectory.MARKER);
    assertThat(mode(dir.resolve(DataDirectory.MARKER))).isEqualTo("rw-------");
  }

  @Test
  void createAdoptsAnEmptyDirectoryAndNarrowsItsMode() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("empty"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    DataDirectory.create(dir);
    assertThat(mode(dir)).isEqualTo("rwx------");
  }

  @Test
  void createRefusesAForeignNonEmptyDirectory() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("photos"));
    Files.write(dir.resolve("cat.jpg"), bytes("meow"));
    assertThatThrownBy(() -> DataDirectory.create(dir))
        .isExactlyInstanceOf(DataDirectoryException.class)
        .hasMessage(dir.toAbsolutePath() + " is not empty and is not a Custos data directory; choose a new or empty directory");
    assertThat(names(dir)).containsExactly("cat.jpg");
  }

  @Test
  void createRefusesAFile() throws Exception {
    Path file = Files.write(tmp.resolve("file"), bytes("x"));
    assertThatThrownBy(() -> DataDirectory.create(file)).hasMessage(file.toAbsolutePath() + " exists and is not a directory");
  }

  @Test
  void createOnAnExistingDataDirectoryKeepsItsFiles() throws Exception {
    Path dir = tmp.resolve("custos");
    DataDirectory.create(dir).writeAtomically("seed.sealed", bytes("blob"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    DataDirectory again = DataDirectory.create(dir);
    assertThat(again.read("seed.sealed")).isEqualTo(bytes("blob"));
    assertThat(mode(dir)).isEqualTo("rwx------");
  }

  @Test
  void openOfAMissingDirectoryErrorsClearly() {
    Path dir = tmp.resolve("missing");
    assertThatThrownBy(() -> DataDirectory.open(dir))
        .isExactlyInstanceOf(DataDirectoryException.class)
        .hasMessage("data directory " + dir.toAbsolutePath() + " does not exist");
  }

  @Test
  void openRefusesAnUnmarkedDirectory() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("plain"));
    assertThatThrownBy(() -> DataDirectory.open(dir))
        .hasMessage(dir.toAbsolutePath() + " is not a Custos data directory (no .custos-datadir file)");
  }

  @Test
  void openRefusesADirectoryOthersCanEnter() throws Exception {
    Path dir = tmp.resolve("custos");
    DataDirectory.create(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> DataDirectory.open(dir))
        .hasMessage(
            "data directory " + dir.toAbsolutePath()
                + " has mode rwxr-xr-x, wider than rwx------; run: chmod 700 " + dir.toAbsolutePath());
  }

  @Test
  void writeAtomicallyWrites0600AndLeavesNoTemporaryFile() throws Exception {
    DataDirectory data = DataDirectory.create(tmp.resolve("custos"));
    data.writeAtomically("seed.sealed", bytes("first"));
    data.writeAtomically("seed.sealed", bytes("second"));
    assertThat(data.read("seed.sealed")).isEqualTo(bytes("second"));
    assertThat(mode(data.path().resolve("seed.sealed"))).isEqualTo("rw-------");
    assertThat(names(data.path())).containsExactly(DataDirectory.MARKER, "seed.sealed");
    assertThat(DataDirectory.open(data.path()).exists("seed.sealed")).isTrue();
  }

  @Test
  void writeAtomicallyNarrowsAWiderExistingFile() throws Exception {
    DataDirectory data = DataDirectory.create(tmp.resolve("custos"));
    Path file = Files.write(data.path().resolve("xpubs.json"), bytes("{}"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    data.writeAtomically("xpubs.json", bytes("{\"a\":1}"));
    assertThat(mode(file)).isEqualTo("rw-------");
  }

  @Test
  void createExclusiveNeverOverwrites() throws Exception {
    DataDirectory data = DataDirectory.create(tmp.resolve("custos"));
    assertThat(data.createExclusive("seed.sealed", bytes("original"))).isTrue();
    assertThat(data.createExclusive("seed.sealed", bytes("replacement"))).isFalse();
    assertThat(data.read("seed.sealed")).isEqualTo(bytes("original"));
    assertThat(mode(data.path().resolve("seed.sealed"))).isEqualTo("rw-------");
    assertThat(names(data.path())).containsExactly(DataDirectory.MARKER, "seed.sealed");
  }

  @Test
  void readOfAMissingFileNamesIt() throws Exception {
    DataDirectory data = DataDirectory.create(tmp.resolve("custos"));
    assertThat(data.exists("seed.sealed")).isFalse();
    assertThatThrownBy(() -> data.read("seed.sealed"))
        .isExactlyInstanceOf(DataDirectoryException.class)
        .hasMessage("seed.sealed not found in " + data.path());
  }

  @Test
  void fileNamesMustBeSimple() throws Exception {
    DataDirectory data = DataDirectory.create(tmp.resolve("custos"));
    for (String bad : new String[] {"../escape", "a/b", ".custos-datadir", ".hidden", "", "x".repeat(129)}) {
      assertThatThrownBy(() -> data.writeAtomically(bad, bytes("x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid data file name '" + bad + "'");
    }
    assertThat(names(data.path())).containsExactly(DataDirectory.MARKER);
  }
}
