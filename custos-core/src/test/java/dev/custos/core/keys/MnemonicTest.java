package dev.custos.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.core.secret.SecretBytes;
import fr.acinq.bitcoin.MnemonicCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MnemonicTest {
  private static final String ABOUT =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

  private static SecretBytes utf8(String s) {
    return SecretBytes.copyOf(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String sentenceOf(Mnemonic m) {
    try (SecretBytes s = m.sentence()) {
      return new String(s.copy(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parseNormalizesWhitespaceAndCase() throws Exception {
    String messy = "  ABANDON\tabandon\n\nAbandon abandon  abandon abandon abandon abandon abandon abandon abandon About \r\n";
    try (SecretBytes text = utf8(messy); Mnemonic m = Mnemonic.parse(text)) {
      assertThat(sentenceOf(m)).isEqualTo(ABOUT);
      assertThat(m.wordCount()).isEqualTo(12);
    }
  }

  @Test
  void unknownWordIsReportedByPositionWithoutTheWord() {
    String text = ABOUT.replaceFirst("abandon abandon abandon", "abandon abandon zebrra");
    assertThatThrownBy(() -> Mnemonic.parse(utf8(text)))
        .isInstanceOf(InvalidMnemonicException.class)
        .hasMessage("word 3 of 12 is not in the BIP39 English wordlist")
        .message().doesNotContain("zebrra");
  }

  @Test
  void nonAsciiWordIsUnknown() {
    String text = ABOUT.replace("about", "abóut");
    assertThatThrownBy(() -> Mnemonic.parse(utf8(text)))
        .isInstanceOf(InvalidMnemonicException.class)
        .hasMessage("word 12 of 12 is not in the BIP39 English wordlist");
  }

  @Test
  void wrongWordCountIsRejected() {
    assertThatThrownBy(() -> Mnemonic.parse(utf8(ABOUT + " abandon")))
        .isInstanceOf(InvalidMnemonicException.class)
        .hasMessage("a BIP39 mnemonic has 12, 15, 18, 21 or 24 words, got 13");
    assertThatThrownBy(() -> Mnemonic.parse(utf8("   ")))
        .isInstanceOf(InvalidMnemonicException.class)
        .hasMessageEndingWith("got 0");
  }

  @Test
  void badChecksumIsRejected() {
    String text = ABOUT.replace("about", "abandon");
    assertThatThrownBy(() -> Mnemonic.parse(utf8(text)))
        .isInstanceOf(InvalidMnemonicException.class)
        .hasMessage("BIP39 checksum does not match: a word is mistyped or out of order");
  }

  @Test
  void toStringHidesTheSentence() throws Exception {
    try (SecretBytes text = utf8(ABOUT); Mnemonic m = Mnemonic.parse(text)) {
      assertThat(m.toString()).doesNotContain("abandon").contains("12 words");
    }
  }

  @Test
  void closeZeroizesAndLocksTheSentence() throws Exception {
    Mnemonic m = Mnemonic.parse(utf8(ABOUT));
    m.close();
    assertThatThrownBy(m::sentence).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void generateAcceptsOnly12Or24Words() {
    assertThatThrownBy(() -> Mnemonic.generate(18, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
    try (Mnemonic m12 = Mnemonic.generate(12, new SecureRandom());
        Mnemonic m24 = Mnemonic.generate(24, new SecureRandom())) {
      assertThat(m12.wordCount()).isEqualTo(12);
      assertThat(m24.wordCount()).isEqualTo(24);
    }
  }

  /** Cross-check against bitcoin-kmp's independent MnemonicCode on random entropy. */
  @Test
  void matchesBitcoinKmpOnRandomEntropy() throws Exception {
    Random random = new Random(39);
    for (int round = 0; round < 40; round++) {
      byte[] entropy = new byte[16 + 4 * random.nextInt(5)];
      random.nextBytes(entropy);
      String passphrase = "pass" + round;
      List<String> expectedWords = MnemonicCode.toMnemonics(entropy);
      byte[] expectedSeed = MnemonicCode.toSeed(expectedWords, passphrase);
      try (SecretBytes e = SecretBytes.copyOf(entropy);
          Mnemonic m = Mnemonic.fromEntropy(e);
          SecretBytes p = utf8(passphrase);
          SecretBytes seed = m.toSeed(p)) {
        assertThat(sentenceOf(m)).isEqualTo(String.join(" ", expectedWords));
        assertThat(seed.copy()).isEqualTo(expectedSeed);
      }
    }
  }

  @Test
  void nonAsciiPassphraseIsNfkdNormalized() throws Exception {
    String alreadyNfkd = "cafe\u0301 fi";
    String composedWithLigature = "caf\u00e9 \uFB01";
    byte[] expected = MnemonicCode.toSeed(Arrays.asList(ABOUT.split(" ")), alreadyNfkd);
    try (SecretBytes text = utf8(ABOUT); Mnemonic m = Mnemonic.parse(text);
        SecretBytes p1 = utf8(alreadyNfkd); SecretBytes s1 = m.toSeed(p1);
        SecretBytes p2 = utf8(composedWithLigature); SecretBytes s2 = m.toSeed(p2)) {
      assertThat(s1.copy()).isEqualTo(expected);
      assertThat(s2.copy()).isEqualTo(expected);
    }
  }

  @Test
  void invalidUtf8PassphraseIsRejected() throws Exception {
    try (SecretBytes text = utf8(ABOUT); Mnemonic m = Mnemonic.parse(text);
        SecretBytes bad = SecretBytes.copyOf(new byte[] {(byte) 0xC3})) {
      assertThatThrownBy(() -> m.toSeed(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("BIP39 passphrase is not valid UTF-8");
    }
  }
}
