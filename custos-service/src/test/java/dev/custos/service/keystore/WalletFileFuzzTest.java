package dev.custos.service.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * WalletFile.parse on arbitrary bytes ({@code wallet.json} lives on untrusted storage): only
 * KeystoreException may escape, its message names wallet.json; whatever parses writes JSON that
 * parses back to an equal record. Seeds: WalletFileFuzzTestInputs/parse/.
 */
class WalletFileFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void parse(FuzzedDataProvider data) {
    WalletFile wallet;
    try {
      wallet = WalletFile.parse(data.consumeRemainingAsBytes());
    } catch (KeystoreException expected) {
      assertThat(expected.getMessage()).startsWith("wallet.json");
      return;
    }
    try {
      assertThat(WalletFile.parse(wallet.toJson())).isEqualTo(wallet);
    } catch (KeystoreException e) {
      throw new AssertionError("a parsed wallet.json does not parse back: " + e.getMessage(), e);
    }
  }

  @Test
  void theSeedParsesAndAnXpubOfAnotherNetworkIsRefusedNamingTheFile() throws Exception {
    byte[] valid;
    try (InputStream in = getClass().getResourceAsStream("WalletFileFuzzTestInputs/parse/bip86-mainnet")) {
      valid = in.readAllBytes();
    }
    WalletFile w = WalletFile.parse(valid);
    assertThat(w.accounts()).hasSize(1);
    assertThat(WalletFile.parse(w.toJson())).isEqualTo(w);
    byte[] regtest = new String(valid, java.nio.charset.StandardCharsets.UTF_8).replace("\"mainnet\"", "\"regtest\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WalletFile.parse(regtest)).isInstanceOf(KeystoreException.class)
        .hasMessageStartingWith("wallet.json: ");
  }
}
