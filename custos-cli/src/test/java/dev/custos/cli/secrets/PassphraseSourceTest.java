package dev.custos.cli.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.cli.secrets.PassphraseSource.Purpose;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassphraseSourceTest {
  @TempDir Path tmp;

  /** A terminal that answers with scripted lines and remembers the arrays it handed out. */
  private static final class ScriptedPrompt implements PassphrasePrompt {
    final Deque<String> answers = new ArrayDeque<>();
    final List<String> prompts = new ArrayList<>();
    final List<char[]> handedOut = new ArrayList<>();

    ScriptedPrompt(String... answers) {
      this.answers.addAll(List.of(answers));
    }

    @Override
    public char[] readHidden(String prompt) {
      prompts.add(prompt);
      String answer = answers.poll();
      if (answer == null) {
        return null;
      }
      char[] chars = answer.toCharArray();
      handedOut.add(chars);
      return chars;
    }

    void assertAllZeroized() {
      assertThat(handedOut).isNotEmpty().allSatisfy(chars -> assertThat(chars).containsOnly((char) 0));
    }
  }

  private static PassphraseSource noTerminal(Map<String, String> env) {
    return new PassphraseSource(env, Optional.empty());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Path file(String name, byte[] content, String mode) throws Exception {
    Path file = tmp.resolve(name);
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no newline           | s3cret         | s3cret",
        "LF stripped          | s3cret\\n      | s3cret",
        "CRLF stripped        | s3cret\\r\\n   | s3cret",
        "only one LF stripped | s3cret\\n\\n   | s3cret\\n",
        "trailing space kept  | 'two words \\n' | 'two words '",
        "UTF-8 kept as is     | pässwörd\\n    | pässwörd",
      })
  void fileContentMinusOneTrailingNewline(String what, String content, String expected) throws Exception {
    Path f = file("pass", utf8(unescape(content)), "rw-------");
    try (ResolvedPassphrase p = noTerminal(Map.of()).resolve(f, null, Purpose.UNLOCK)) {
      assertThat(p.passphrase().copy()).isEqualTo(utf8(unescape(expected)));
      assertThat(p.warning()).isEmpty();
    }
  }

  private static String unescape(String s) {
    return s.replace("\\r", "\r").replace("\\n", "\n");
  }

  @Test
  void fileReadableByOthersIsAcceptedWithAWarning() throws Exception {
    Path f = file("pass", utf8("s3cret\n"), "rw-r--r--");
    try (ResolvedPassphrase p = noTerminal(Map.of()).resolve(f, null, Purpose.UNLOCK)) {
      assertThat(p.passphrase().copy()).isEqualTo(utf8("s3cret"));
      assertThat(p.warning())
          .hasValue("passphrase file " + f + " is readable by group or others (rw-r--r--); run: chmod 600 " + f);
    }
  }

  /** Like {@code --passphrase-file <(pass show custos)}: a pipe, read once, no permission warning. */
  @Test
  void fileMayBeAPipe() throws Exception {
    Path fifo = tmp.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        Files.write(fifo, utf8("from a pipe\n"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (ResolvedPassphrase p = noTerminal(Map.of()).resolve(fifo, null, Purpose.UNLOCK)) {
      assertThat(p.passphrase().copy()).isEqualTo(utf8("from a pipe"));
      assertThat(p.warning()).isEmpty();
    }
    writer.join();
  }

  @Test
  void emptyFileIsRefused() throws Exception {
    for (String content : List.of("", "\n", "\r\n")) {
      Path f = file("empty", utf8(content), "rw-------");
      assertThatThrownBy(() -> noTerminal(Map.of()).resolve(f, null, Purpose.UNLOCK))
          .isInstanceOf(PassphraseException.class)
          .hasMessage("passphrase file " + f + " is empty; an empty passphrase is refused");
    }
  }

  @Test
  void missingFileIsNamed() {
    Path f = tmp.resolve("nope");
    assertThatThrownBy(() -> noTerminal(Map.of()).resolve(f, null, Purpose.UNLOCK))
        .hasMessage("passphrase file " + f + " does not exist");
  }

  @Test
  void oversizedFileIsRefused() throws Exception {
    Path f = file("big", new byte[PassphraseFile.MAX_BYTES + 1], "rw-------");
    assertThatThrownBy(() -> noTerminal(Map.of()).resolve(f, null, Purpose.UNLOCK))
        .hasMessage("passphrase file " + f + " is larger than 4096 bytes; it must hold one line");
  }

  @Test
  void nonUtf8FileIsRefused() throws Exception {
    Path f = file("latin1", new byte[] {'p', (byte) 0xe4, 's', 's'}, "rw-------");
    assertThatThrownBy(() -> noTerminal(Map.of()).resolve(f, null, Purpose.UNLOCK))
        .hasMessage("passphrase file " + f + " is not valid UTF-8");
  }

  @Test
  void environmentVariableIsUtf8() throws Exception {
    try (ResolvedPassphrase p = noTerminal(Map.of("CUSTOS_PASS", "pässwörd")).resolve(null, "CUSTOS_PASS", Purpose.CREATE)) {
      assertThat(p.passphrase().copy()).isEqualTo(utf8("pässwörd"));
      assertThat(p.warning()).isEmpty();
    }
  }

  @Test
  void unsetOrEmptyVariableIsRefusedByName() {
    assertThatThrownBy(() -> noTerminal(Map.of()).resolve(null, "CUSTOS_PASS", Purpose.UNLOCK))
        .hasMessage("environment variable CUSTOS_PASS (from --passphrase-env) is not set");
    assertThatThrownBy(() -> noTerminal(Map.of("CUSTOS_PASS", "")).resolve(null, "CUSTOS_PASS", Purpose.UNLOCK))
        .hasMessage("environment variable CUSTOS_PASS (from --passphrase-env) is empty; an empty passphrase is refused");
    assertThatThrownBy(() -> noTerminal(Map.of()).resolve(null, " ", Purpose.UNLOCK))
        .hasMessage("--passphrase-env needs the name of an environment variable");
  }

  @Test
  void bothOptionsAreRefusedWithoutRevealingEither() throws Exception {
    Path f = file("pass", utf8("from-file"), "rw-------");
    assertThatThrownBy(() -> noTerminal(Map.of("V", "from-env")).resolve(f, "V", Purpose.UNLOCK))
        .hasMessage("give only one of --passphrase-file and --passphrase-env");
  }

  @Test
  void withoutATerminalTheErrorNamesTheAlternatives() {
    assertThatThrownBy(() -> noTerminal(Map.of("V", "x")).resolve(null, null, Purpose.UNLOCK))
        .isInstanceOf(PassphraseException.class)
        .hasMessage("no terminal to ask for the passphrase; use --passphrase-file FILE or --passphrase-env VAR");
  }

  @Test
  void unlockAsksOnceAndZeroizesTheCharacters() throws Exception {
    ScriptedPrompt prompt = new ScriptedPrompt("pässwörd");
    try (ResolvedPassphrase p = new PassphraseSource(Map.of(), Optional.of(prompt)).resolve(null, null, Purpose.UNLOCK)) {
      assertThat(p.passphrase().copy()).isEqualTo(utf8("pässwörd"));
    }
    assertThat(prompt.prompts).containsExactly("Passphrase: ");
    prompt.assertAllZeroized();
  }

  @Test
  void createAsksTwice() throws Exception {
    ScriptedPrompt prompt = new ScriptedPrompt("correct horse", "correct horse");
    try (ResolvedPassphrase p = new PassphraseSource(Map.of(), Optional.of(prompt)).resolve(null, null, Purpose.CREATE)) {
      assertThat(p.passphrase().copy()).isEqualTo(utf8("correct horse"));
    }
    assertThat(prompt.prompts).containsExactly("Choose a passphrase: ", "Repeat the passphrase: ");
    prompt.assertAllZeroized();
  }

  @Test
  void createRefusesAMismatch() {
    ScriptedPrompt prompt = new ScriptedPrompt("correct horse", "correct hose");
    assertThatThrownBy(() -> new PassphraseSource(Map.of(), Optional.of(prompt)).resolve(null, null, Purpose.CREATE))
        .hasMessage("the two passphrases do not match");
    prompt.assertAllZeroized();
  }

  @Test
  void promptRefusesEmptyAndEndOfInput() {
    assertThatThrownBy(() -> new PassphraseSource(Map.of(), Optional.of(new ScriptedPrompt(""))).resolve(null, null, Purpose.UNLOCK))
        .hasMessage("an empty passphrase is refused");
    assertThatThrownBy(() -> new PassphraseSource(Map.of(), Optional.of(new ScriptedPrompt())).resolve(null, null, Purpose.UNLOCK))
        .hasMessage("no passphrase entered (end of input)");
  }

  @Test
  void unpairedSurrogateIsRefused() {
    ScriptedPrompt prompt = new ScriptedPrompt("ab\uD800cd");
    assertThatThrownBy(() -> new PassphraseSource(Map.of(), Optional.of(prompt)).resolve(null, null, Purpose.UNLOCK))
        .hasMessage("the passphrase is not valid Unicode text");
    prompt.assertAllZeroized();
  }

  @Test
  void supplementaryCharactersEncodeToFourBytes() throws Exception {
    char[] chars = "\uD83D\uDD11".toCharArray();
    try (var secret = PromptedPassphrase.utf8(chars)) {
      assertThat(secret.copy()).isEqualTo(utf8("\uD83D\uDD11")).hasSize(4);
    }
  }
}
