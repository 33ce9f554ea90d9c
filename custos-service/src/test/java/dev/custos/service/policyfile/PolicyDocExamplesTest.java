package dev.custos.service.policyfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custos.core.keys.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```yaml} block of docs/policy.md parses, so the documentation cannot drift from
 * what the parser accepts. A block whose first line is {@code # network: NAME} is read for that
 * network, every other for mainnet.
 */
class PolicyDocExamplesTest {
  private static final Pattern YAML_BLOCK = Pattern.compile("(?m)^( *)```yaml\\n(.*?)^\\1```$", Pattern.DOTALL);
  private static final Pattern NETWORK = Pattern.compile("\\A# network: ([a-z]+)\\n");

  record Example(int number, String text) {
    @Override
    public String toString() {
      return "example " + number + " (" + text.lines().count() + " lines)";
    }
  }

  static List<Example> examples() throws IOException {
    Path doc = Path.of(System.getProperty("basedir", ".")).resolve("../docs/policy.md");
    Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
    List<Example> out = new ArrayList<>();
    while (m.find()) {
      String indent = m.group(1);
      String text = m.group(2).lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
          .reduce("", (a, b) -> a + b + "\n");
      out.add(new Example(out.size() + 1, text));
    }
    return out;
  }

  @Test
  void theDocumentHasTheExamplesItPromises() throws IOException {
    assertThat(examples()).hasSizeGreaterThanOrEqualTo(6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleParses(Example example) throws PolicyFileException {
    Matcher n = NETWORK.matcher(example.text());
    Network network = n.find() ? Network.parse(n.group(1)) : Network.MAINNET;
    PolicyFile file = PolicyFile.parse(example.text(), "policy.md example " + example.number(), network);
    assertThat(file.text()).isEqualTo(example.text());
  }
}
