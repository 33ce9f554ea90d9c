package dev.custos.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.custos.core.keys.Network;
import java.util.List;

/**
 * Signature decoding (BIP-137 base64, BIP-322 witness stacks and transactions, BIP340 hex) on
 * arbitrary text, for every kind of approver key: only SignatureRejectedException may escape, and
 * nothing random verifies.
 */
class MessageVerifierFuzzTest {
  private static final List<String> KEYS = List.of(
      "bc1q9vza2e8x573nczrlzms0wvx3gsqjx7vavgkx0l",
      "bc1pss0zhytly75awhm6x2hhvd5lnzv3vssgrf9axfheq8ldyzn88ges79fler",
      "13vU5PUSuArDXJdCWZvUFEbgJ2wcmtSJWn",
      "32Utb7Seg6EXq7UesMNJXhQ1gdohYNyzQ9",
      "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
      "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");

  @FuzzTest(maxDuration = "10s")
  void verifyThrowsOnlySignatureRejected(FuzzedDataProvider data) throws SignatureRejectedException {
    ApproverKey key = ApproverKey.parse(data.pickValue(KEYS), Network.MAINNET);
    SignatureFormat format = data.pickValue(SignatureFormat.values());
    String prefix = data.pickValue(List.of("", "smp", "ful", "pof"));
    String signature = prefix + data.consumeRemainingAsString();
    try {
      MessageVerifier.verify(key, format, signature, "Hello World");
    } catch (SignatureRejectedException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    throw new AssertionError("a fuzzed signature verified: " + format + " " + signature);
  }
}
