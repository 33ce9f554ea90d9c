package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.acinq.bitcoin.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BIP380 checksum vectors, parsed from the unmodified bip-0380.mediawiki ("The following tests
 * cover the checksum and character set"), plus a cross-check against bitcoin-kmp's Descriptor.
 */
class DescriptorChecksumVectorTest {
  private static final Pattern ITEM = Pattern.compile("^\\* ([^:]+): <tt>(.*)</tt>$");
  private static final String CHARSET =
      "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";

  static List<Arguments> checksumVectors() throws IOException {
    List<String> lines;
    try (InputStream in = DescriptorChecksumVectorTest.class.getResourceAsStream("/vectors/keys/bip-0380.mediawiki")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    int from = lines.indexOf("The following tests cover the checksum and character set:");
    int to = lines.indexOf("The following tests cover key expressions:");
    List<Arguments> out = new ArrayList<>();
    for (String line : lines.subList(from, to)) {
      Matcher m = ITEM.matcher(line);
      if (m.matches()) {
        out.add(Arguments.of(m.group(1), m.group(2)));
      }
    }
    assertThat(out).hasSize(8);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("checksumVectors")
  void verifiesOnlyTheValidChecksum(String label, String descriptor) {
    boolean valid = label.equals("Valid checksum");
    assertThat(DescriptorChecksum.verify(descriptor)).isEqualTo(valid);
    if (valid) {
      int hash = descriptor.indexOf('#');
      assertThat(DescriptorChecksum.of(descriptor.substring(0, hash))).isEqualTo(descriptor.substring(hash + 1));
    }
  }

  @Test
  void matchesBitcoinKmpOnRandomDescriptors() {
    Random random = new Random(380);
    for (int round = 0; round < 200; round++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(120);
      for (int i = 0; i < length; i++) {
        s.append(CHARSET.charAt(random.nextInt(CHARSET.length())));
      }
      String descriptor = s.toString();
      assertThat(DescriptorChecksum.of(descriptor)).isEqualTo(Descriptor.checksum(descriptor));
      assertThat(DescriptorChecksum.verify(DescriptorChecksum.append(descriptor))).isTrue();
    }
  }

  @Test
  void ofNamesTheBadCharacterPosition() {
    assertThatThrownBy(() -> DescriptorChecksum.of("raw(\u00dc)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("descriptor character at position 5 is outside the BIP380 character set");
  }
}
