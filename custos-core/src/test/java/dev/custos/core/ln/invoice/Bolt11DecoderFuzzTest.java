package dev.custos.core.ln.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the text, {@link Bolt11Invoice#decode} returns an invoice or throws
 * {@link Bolt11Exception} with a message; no unchecked exception escapes. The seed corpus holds
 * BOLT 11 example invoices so mutations reach the tagged fields and the signature check.
 */
class Bolt11DecoderFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeThrowsOnlyBolt11Exception(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsAsciiString();
    try {
      Bolt11Invoice invoice = Bolt11Invoice.decode(text);
      assertThat(invoice.text()).isEqualToIgnoringCase(text);
      assertThat(invoice.expiresAt()).isAfterOrEqualTo(invoice.timestamp());
    } catch (Bolt11Exception e) {
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.field()).isNotBlank();
    }
  }
}
